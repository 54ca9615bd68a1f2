package io.userops.trigger.template;

import com.github.mustachejava.reflect.ReflectionObjectHandler;
import java.lang.reflect.AccessibleObject;

/**
 * Names resolve through map keys only: the scope is maps of JSON-like values, and a template must not
 * reach methods of the values ({@code {{traits.name.bytes}}} would otherwise call {@code String.getBytes}).
 */
final class ScopeObjectHandler extends ReflectionObjectHandler {

    @Override
    @SuppressWarnings("rawtypes")
    protected AccessibleObject findMember(Class sClass, String name) {
        return null;
    }

    @Override
    public String stringify(Object value) {
        return TemplateValues.text(value);
    }
}
