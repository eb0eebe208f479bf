package io.github.scratchbuffer.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches unless a boolean {@code scratch-buffer.*} switch is set to false. Unlike
 * {@code @ConditionalOnBooleanProperty}, it reads the value the way binding reads every
 * other boolean property ({@code on}, {@code yes} and {@code 1} mean true), and a value
 * that is no boolean at all stops start-up naming the property, instead of silently
 * switching the feature off.
 *
 * @author scratch-buffer contributors
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnSwitchCondition.class)
@interface ConditionalOnSwitch {

	/**
	 * The property; a missing property means on.
	 * @return the property's name
	 */
	String value();

}
