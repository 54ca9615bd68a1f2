package io.userops.schemas.serde;

import io.userops.schemas.serde.ValueWriters.ArrayWriter;
import io.userops.schemas.serde.ValueWriters.EnumWriter;
import io.userops.schemas.serde.ValueWriters.FixedWriter;
import io.userops.schemas.serde.ValueWriters.MapWriter;
import io.userops.schemas.serde.ValueWriters.NullableWriter;
import io.userops.schemas.serde.ValueWriters.RecordWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Compiles the write plan of a record schema: one {@link ValueWriter} per field, chosen from the
 * schema and checked against the generated classes and the conversions that
 * {@code SpecificDatumWriter} would use for it. Anything it cannot match exactly is {@link Unsupported},
 * and the whole schema is then written by {@code SpecificDatumWriter}.
 */
final class WritePlanCompiler {

    /** Why a schema gets no plan; the message names the place in the schema. */
    static final class Unsupported extends Exception {
        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Schema properties that make the generated class hold another Java type than the plan expects. */
    private static final List<String> JAVA_TYPE_PROPERTIES = List.of(
            SpecificData.CLASS_PROP, SpecificData.KEY_CLASS_PROP, SpecificData.ELEMENT_PROP);

    private final SpecificData model;
    private final Map<String, RecordWriter> records = new HashMap<>();

    private WritePlanCompiler(SpecificData model) {
        this.model = model;
    }

    /**
     * @param model the model {@code SpecificDatumWriter} uses for the schema
     *              ({@link SpecificData#getForSchema}): its conversions apply inside unions, arrays and maps
     */
    static RecordWriter compile(Schema root, SpecificData model) throws Unsupported {
        if (root.getType() != Schema.Type.RECORD) {
            throw new Unsupported("the schema is a " + root.getType() + ", not a record");
        }
        return new WritePlanCompiler(model).record(root);
    }

    private RecordWriter record(Schema schema) throws Unsupported {
        String name = schema.getFullName();
        RecordWriter seen = records.get(name);
        if (seen != null) {
            return seen;
        }
        checkNoLogicalTypeOrJavaClass(schema, "record " + name);
        Class<?> type = generatedClass(schema, SpecificRecordBase.class);
        SpecificRecordBase prototype;
        try {
            prototype = (SpecificRecordBase) SpecificData.newInstance(type, schema);
        } catch (RuntimeException e) {
            throw new Unsupported("record " + name + ": " + type.getName() + " cannot be instantiated: " + e);
        }
        List<Schema.Field> fields = schema.getFields();
        RecordWriter writer = new RecordWriter(type);
        records.put(name, writer);
        ValueWriter[] compiled = new ValueWriter[fields.size()];
        for (Schema.Field field : fields) {
            Conversion<?> conversion;
            try {
                conversion = prototype.getConversion(field.pos());
            } catch (RuntimeException e) {
                throw new Unsupported("field " + name + "." + field.name() + ": " + type.getName()
                        + " has no field at position " + field.pos());
            }
            compiled[field.pos()] = field(field, conversion, name + "." + field.name());
        }
        writer.fields(compiled);
        return writer;
    }

    /**
     * A field of a generated record. {@code SpecificDatumWriter} converts a logical type at the top of
     * a field with the record's own conversion for that field, and below it (in a union, array or map)
     * with the model's conversion for the value's class.
     */
    private ValueWriter field(Schema.Field field, Conversion<?> recordConversion, String where) throws Unsupported {
        Schema schema = field.schema();
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType == null) {
            return value(schema, where);
        }
        return logical(schema, logicalType, recordConversion, "field " + where);
    }

    private ValueWriter value(Schema schema, String where) throws Unsupported {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType != null) {
            Class<?> javaType = switch (logicalType.getName()) {
                case "timestamp-millis", "timestamp-micros" -> Instant.class;
                case "date" -> LocalDate.class;
                default -> throw new Unsupported("logical type " + logicalType.getName() + " at " + where);
            };
            return logical(schema, logicalType, model.getConversionByClass(javaType, logicalType), where);
        }
        checkNoLogicalTypeOrJavaClass(schema, where);
        return switch (schema.getType()) {
            case NULL -> ValueWriters.NULL;
            case BOOLEAN -> ValueWriters.BOOLEAN;
            case INT -> ValueWriters.INT;
            case LONG -> ValueWriters.LONG;
            case FLOAT -> ValueWriters.FLOAT;
            case DOUBLE -> ValueWriters.DOUBLE;
            case STRING -> ValueWriters.STRING;
            case BYTES -> ValueWriters.BYTES;
            case ENUM -> enumeration(schema);
            case FIXED -> fixed(schema);
            case RECORD -> record(schema);
            case ARRAY -> new ArrayWriter(value(schema.getElementType(), where + "[]"));
            case MAP -> new MapWriter(value(schema.getValueType(), where + "{}"));
            case UNION -> union(schema, where);
        };
    }

    /** The three logical types of java.time values, each only with the conversion Avro ships for it. */
    private static ValueWriter logical(Schema schema, LogicalType logicalType, Conversion<?> conversion, String where)
            throws Unsupported {
        record Known(Schema.Type type, Class<?> conversion, ValueWriter writer) {
        }
        Known known = switch (logicalType.getName()) {
            case "timestamp-millis" -> new Known(Schema.Type.LONG, TimeConversions.TimestampMillisConversion.class,
                    ValueWriters.TIMESTAMP_MILLIS);
            case "timestamp-micros" -> new Known(Schema.Type.LONG, TimeConversions.TimestampMicrosConversion.class,
                    ValueWriters.TIMESTAMP_MICROS);
            case "date" -> new Known(Schema.Type.INT, TimeConversions.DateConversion.class, ValueWriters.DATE);
            default -> throw new Unsupported("logical type " + logicalType.getName() + " at " + where);
        };
        if (schema.getType() != known.type()) {
            throw new Unsupported("logical type " + logicalType.getName() + " on a " + schema.getType() + " at " + where);
        }
        if (conversion == null || conversion.getClass() != known.conversion()) {
            throw new Unsupported("logical type " + logicalType.getName() + " at " + where + " is converted by "
                    + (conversion == null ? "nothing" : conversion.getClass().getName()) + ", not "
                    + known.conversion().getSimpleName());
        }
        return known.writer();
    }

    private ValueWriter union(Schema union, String where) throws Unsupported {
        List<Schema> branches = union.getTypes();
        if (branches.size() != 2) {
            throw new Unsupported("union of " + branches.size() + " branches at " + where + " (only [\"null\", X])");
        }
        int nullIndex = branches.get(0).getType() == Schema.Type.NULL ? 0
                : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
        if (nullIndex < 0) {
            throw new Unsupported("union without null at " + where + " (only [\"null\", X])");
        }
        int valueIndex = 1 - nullIndex;
        return new NullableWriter(nullIndex, valueIndex, value(branches.get(valueIndex), where));
    }

    /**
     * A generated enum, written by ordinal as {@code SpecificDatumWriter} does; only when every
     * constant's ordinal is its symbol's index in this schema (a class generated from another
     * version of the enum may order them differently).
     */
    private ValueWriter enumeration(Schema schema) throws Unsupported {
        Class<?> type = generatedClass(schema, Enum.class);
        Object[] constants = type.getEnumConstants();
        List<String> symbols = schema.getEnumSymbols();
        if (constants.length != symbols.size()) {
            throw new Unsupported("enum " + schema.getFullName() + ": " + type.getName() + " has " + constants.length
                    + " constants, the schema " + symbols.size() + " symbols");
        }
        for (Object constant : constants) {
            Enum<?> value = (Enum<?>) constant;
            String symbol = symbols.get(value.ordinal());
            if (!value.name().equals(symbol) && !value.name().equals(SpecificData.mangle(symbol))) {
                throw new Unsupported("enum " + schema.getFullName() + ": constant " + value.name() + " has ordinal "
                        + value.ordinal() + " but the schema's symbol " + value.ordinal() + " is " + symbol);
            }
        }
        return new EnumWriter(type);
    }

    private ValueWriter fixed(Schema schema) throws Unsupported {
        return new FixedWriter(generatedClass(schema, GenericFixed.class), schema.getFixedSize());
    }

    /**
     * The class generated for a named schema, as the model finds it, whose own schema has the same
     * full name (what union resolution matches a value's schema by).
     */
    private Class<?> generatedClass(Schema schema, Class<?> kind) throws Unsupported {
        Class<?> type;
        try {
            type = model.getClass(schema);
        } catch (RuntimeException e) {
            throw new Unsupported(schema.getType() + " " + schema.getFullName() + ": class lookup failed: " + e);
        }
        if (type == null || !kind.isAssignableFrom(type)) {
            throw new Unsupported("no generated class for " + schema.getType() + " " + schema.getFullName());
        }
        Schema own;
        try {
            own = model.getSchema(type);
        } catch (RuntimeException e) {
            throw new Unsupported(type.getName() + " has no schema: " + e);
        }
        if (!schema.getFullName().equals(own.getFullName())) {
            throw new Unsupported(type.getName() + " is " + own.getFullName() + ", not " + schema.getFullName());
        }
        return type;
    }

    private static void checkNoLogicalTypeOrJavaClass(Schema schema, String where) throws Unsupported {
        if (schema.getLogicalType() != null) {
            throw new Unsupported("logical type " + schema.getLogicalType().getName() + " at " + where);
        }
        for (String property : JAVA_TYPE_PROPERTIES) {
            if (schema.getProp(property) != null) {
                throw new Unsupported(property + " " + schema.getProp(property) + " at " + where);
            }
        }
    }
}
