package io.github.scratchbuffer.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.Assert;

/**
 * The condition behind {@link ConditionalOnSwitch}.
 *
 * @author scratch-buffer contributors
 */
class OnSwitchCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnSwitch.class.getName());
		Assert.state(attributes != null, "No @ConditionalOnSwitch found");
		String property = (String) attributes.get("value");
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnSwitch.class, property);
		String value = context.getEnvironment().getProperty(property);
		if (value == null) {
			return ConditionOutcome.match(message.because("it is not set (on by default)"));
		}
		return parse(property, value) ? ConditionOutcome.match(message.because("it is '" + value + "'"))
				: ConditionOutcome.noMatch(message.because("it is '" + value + "'"));
	}

	private static boolean parse(String property, String value) {
		try {
			Boolean parsed = ApplicationConversionService.getSharedInstance().convert(value, Boolean.class);
			if (parsed != null) {
				return parsed;
			}
		}
		catch (ConversionException ex) {
			// Reported below, naming the property.
		}
		throw new IllegalStateException(
				"Property '" + property + "' must be true or false (or on/off, yes/no, 1/0), was '" + value + "'");
	}

}
