package io.userops.deploy.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Checks, before anything starts, that every port the runtime needs is free. */
public final class Ports {

    /** A port some other process holds. */
    public static final class PortInUseException extends IllegalStateException {
        public PortInUseException(RuntimeConfig.PortSetting setting) {
            super("port " + setting.port() + " (" + setting.role() + ") is already in use on 127.0.0.1: stop what"
                    + " holds it, or set " + setting.variable() + " to a free port");
        }
    }

    private Ports() {
    }

    /** @throws PortInUseException for the first port that cannot be bound */
    public static void requireFree(List<RuntimeConfig.PortSetting> settings) {
        for (RuntimeConfig.PortSetting setting : settings) {
            if (!isFree(setting.port())) {
                throw new PortInUseException(setting);
            }
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // like the servers: a port in TIME_WAIT is free, a listening one is not
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
