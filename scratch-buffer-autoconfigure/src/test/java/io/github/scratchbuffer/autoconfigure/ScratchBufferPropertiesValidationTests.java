package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.task.ScratchBufferTaskDecorator;
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
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
							buffer-size             | 0B      | 'bufferSize' must be greater than 0
							buffer-size             | -1KB    | 'bufferSize' must be greater than 0
							max-retained-size       | 0B      | 'maxRetainedSize' must be greater than 0
							buffer-size             | 3GB     | 'bufferSize' must be at most 2147483639B
							max-retained-size       | 2GB     | 'maxRetainedSize' must be at most 2147483639B
							pooling.max-size        | -1      | 'maxSize' must not be negative, was -1
							leak-detection          | sometimes | sometimes
							buffer-size             | 2MB     | must not be larger than 'max-retained-size' (1048576B)
							enabled                 | maybe   | Property 'scratch-buffer.enabled' must be true or false (or on/off, yes/no, 1/0), was 'maybe'
							task-decorator.enabled  | x       | Property 'scratch-buffer.task-decorator.enabled' must be true or false
							name                    | ""      | 'name' must not be empty
							name                    | "   "   | 'name' must not be empty
							buffer-size             | abc     | Failed to convert
							buffer-size             | 1.5KB   | Failed to convert
							buffer-size             | 2147483640B | 'bufferSize' must be at most 2147483639B
							buffer-size             | 99999999999999999999KB | Failed to convert
							max-retained-size       | -1      | 'maxRetainedSize' must be greater than 0
							max-retained-size       | 1TB     | 'maxRetainedSize' must be at most 2147483639B
					max-retained-size       | 1PB     | Unknown data unit suffix 'PB'
							zero-on-release         | nope    | Failed to convert
							pooling.enabled         | 2       | Failed to convert
							pooling.max-size        | abc     | Failed to convert
							pooling.max-size        | 2147483648 | Failed to convert
							pooling.max-size        | 1.5     | Failed to convert
							filter.enabled          | sure    | Failed to convert
							filter.order            | first   | Failed to convert
							filter.order            | -2147483649 | Failed to convert
							filter.url-patterns     | ""      | 'urlPatterns' must not be empty
							filter.url-patterns     | api/*   | must be servlet URL patterns starting with '/' or '*.', was 'api/*'
							request-body.max-size   | 0B      | 'maxSize' must be greater than 0
							request-body.max-size   | -1MB    | 'maxSize' must be greater than 0
							request-body.max-size   | 2GB     | 'maxSize' must be at most 2147483639B
							request-body.max-size   | lots    | Failed to convert
							hold-sampling-interval  | -1      | 'holdSamplingInterval' must not be negative, was -1
							hold-sampling-interval  | often   | Failed to convert
							""")
	void whenAValueIsInvalidThenStartupFailsNamingThePropertyAndTheRule(String property, String value, String rule) {
		this.contextRunner.withPropertyValues("scratch-buffer." + property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).hasRootCauseInstanceOf(Exception.class);
			assertThat(describe(failure)).contains("scratch-buffer").contains(rule);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			buffer-size             | 1B          | bufferSize=1,
			buffer-size             | 1MB         | bufferSize=1048576,
			max-retained-size       | 2147483639B | maxRetainedCapacity=2147483639,
			max-retained-size       | 64KB        | maxRetainedCapacity=65536,
			pooling.max-size        | 0           | maxPoolSize=0,
			pooling.max-size        | 2147483647  | maxPoolSize=2147483647,
			pooling.enabled         | on          | poolingEnabled=true,
			pooling.enabled         | FALSE       | poolingEnabled=false,
			zero-on-release         | false       | zeroOnRelease=false,
			leak-detection          | off         | leakDetection=OFF
			leak-detection          | PARANOID    | leakDetection=PARANOID
			leak-detection          | Sampled     | leakDetection=SAMPLED
			leak-detection          | ""          | leakDetection=SAMPLED
			name                    | my pool #1  | name=my pool #1,
			hold-sampling-interval  | 0           | holdSamplingInterval=0]
			hold-sampling-interval  | 1           | holdSamplingInterval=1]
			hold-sampling-interval  | 64          | holdSamplingInterval=64]
			""")
	void whenAValueIsAtABoundaryThenTheManagerStartsWithItsDocumentedMeaning(String property, String value,
			String setting) {
		this.contextRunner.withPropertyValues("scratch-buffer." + property + "=" + value).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(BufferManager.class).settings().toString()).contains(setting);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			enabled                 | false       | nothing configured
			enabled                 | off         | nothing configured
			enabled                 | TRUE        | manager, decorator
			enabled                 | on          | manager, decorator
			enabled                 | yes         | manager, decorator
			task-decorator.enabled  | 0           | manager, no decorator
			task-decorator.enabled  | no          | manager, no decorator
			task-decorator.enabled  | 1           | manager, decorator
			filter.order            | -2147483648 | order -2147483648
			filter.url-patterns     | /api/*,*.do | patterns [/api/*, *.do]
			request-body.max-size   | 1B          | request body 1B
			request-body.max-size   | 10MB        | request body 10485760B
			request-body.max-size   | ""          | request body 1048576B
			""")
	void whenAStarterValueIsAtABoundaryThenItStartsWithItsDocumentedMeaning(String property, String value,
			String meaning) {
		this.contextRunner.withPropertyValues("scratch-buffer." + property + "=" + value).run((context) -> {
			assertThat(context).hasNotFailed();
			if (!context.containsBean("bufferManager")) {
				assertThat(meaning).isEqualTo("nothing configured");
				return;
			}
			ScratchBufferProperties properties = context.getBean(ScratchBufferProperties.class);
			String described = "manager, "
					+ (context.getBeanNamesForType(ScratchBufferTaskDecorator.class).length == 1 ? "decorator"
							: "no decorator")
					+ ", order " + properties.getFilter().getOrder() + ", patterns "
					+ properties.getFilter().getUrlPatterns() + ", request body "
					+ properties.getRequestBody().getMaxSize();
			assertThat(described).contains(meaning);
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
