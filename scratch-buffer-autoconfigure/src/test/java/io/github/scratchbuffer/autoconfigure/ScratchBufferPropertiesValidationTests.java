package io.github.scratchbuffer.autoconfigure;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Bad values stop start-up with Spring Boot's binding failure, which names the property,
 * the value and the rule.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScratchBufferPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScratchBufferAutoConfiguration.class));

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			buffer-size             | 0B      | 'bufferSize' must be greater than 0
			buffer-size             | -1KB    | 'bufferSize' must be greater than 0
			max-retained-size       | 0B      | 'maxRetainedSize' must be greater than 0
			buffer-size             | 3GB     | 'bufferSize' must be at most 2147483639B
			max-retained-size       | 2GB     | 'maxRetainedSize' must be at most 2147483639B
			pooling.max-size        | -1      | 'maxSize' must not be negative, was -1
			leak-detection          | sometimes | sometimes
			buffer-size             | 2MB     | must not be larger than 'max-retained-size' (1048576B)
			""")
	void whenAValueIsInvalidThenStartupFailsNamingThePropertyAndTheRule(String property, String value, String rule) {
		this.contextRunner.withPropertyValues("scratch-buffer." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(Exception.class);
			BindException bindFailure = findCause(failure, BindException.class);
			assertThat(bindFailure).as("binding failure").isNotNull();
			assertThat(bindFailure.getMessage()).contains("scratch-buffer");
			assertThat(describe(failure)).contains(rule);
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			scratch-buffer.buffer-size=0B              | Value: "0B"      | 'bufferSize' must be greater than 0
			scratch-buffer.buffer-size=2MB             | Value: "2097152B" | must not be larger than 'max-retained-size'
			scratch-buffer.leak-detection=sometimes    | Value: "sometimes" | The following values are valid
			""")
	void whenAValueIsInvalidThenTheFailureReportNamesPropertyValueAndRule(String property, String value, String rule,
			CapturedOutput output) {
		String name = property.substring(0, property.indexOf('='));
		SpringApplication application = new SpringApplication(ScratchBufferAutoConfiguration.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--" + property));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("\"" + name + "\" from property source")
			.contains(value)
			.containsIgnoringCase(rule);
	}

	private static String describe(Throwable failure) {
		StringBuilder description = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			description.append(cause.getMessage()).append('\n');
		}
		return description.toString();
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
