package io.userops.deploy.traffic;

/** How a simulated user behaves over time. Shares add up to 1. */
public enum Persona {
    LOYAL(new Habits(0.20, 5.0, 0.25, 60, Integer.MAX_VALUE, 0, true)),
    CASUAL(new Habits(0.30, 1.5, 0.05, 30, Integer.MAX_VALUE, 0, true)),
    CHURNER(new Habits(0.20, 4.0, 0.10, 40, 10, 0, true)),
    RETURNER(new Habits(0.15, 3.0, 0.10, 45, 14, 25, true)),
    WHALE(new Habits(0.05, 6.0, 0.60, 300, Integer.MAX_VALUE, 0, true)),
    WINDOW_SHOPPER(new Habits(0.10, 2.0, 0.0, 0, 20, 0, false));

    /**
     * @param share           part of the population
     * @param sessionsPerWeek how often the user comes while active
     * @param purchaseChance  chance that a session ends with an order
     * @param averageOrder    mean order value
     * @param activeDays      days of activity before going quiet ({@link Integer#MAX_VALUE}: never quiet)
     * @param quietDays       days of silence before coming back (0: never comes back)
     * @param identifies      signs up (identify) on the second session; false stays anonymous
     */
    public record Habits(double share, double sessionsPerWeek, double purchaseChance, double averageOrder,
            int activeDays, int quietDays, boolean identifies) {
    }

    private final Habits habits;

    Persona(Habits habits) {
        this.habits = habits;
    }

    public Habits habits() {
        return habits;
    }

    /** The persona at a point {@code u} in [0, 1) of the cumulative shares. */
    static Persona at(double u) {
        double cumulative = 0;
        for (Persona persona : values()) {
            cumulative += persona.habits.share();
            if (u < cumulative) {
                return persona;
            }
        }
        return values()[values().length - 1];
    }
}
