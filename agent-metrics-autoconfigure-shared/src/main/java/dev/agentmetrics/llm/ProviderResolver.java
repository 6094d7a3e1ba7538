package dev.agentmetrics.llm;

import java.util.Locale;
import java.util.Map;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Resolves the {@code provider} tag of a ChatClient call from the type of its options, with
 * the names Spring AI's own observations use ({@code AiProvider}), falling back to a
 * default, the provider of the application's only chat model, for portable options. One
 * instance serves the metrics and the circuit-breaker advisors; declare a bean of this type
 * to name providers otherwise.
 *
 * @author agent-metrics
 */
public class ProviderResolver {

	/** Provider of calls whose provider is not known. */
	public static final String UNKNOWN = "unknown";

	private static final String SPRING_AI_PACKAGE = "org.springframework.ai.";

	/**
	 * Spring AI modules whose package is not their {@code AiProvider} name, keyed by their
	 * first package segment, or first two where the first is shared.
	 */
	private static final Map<String, String> PROVIDER_NAMES = Map.of("mistralai", "mistral_ai", "vertexai",
			"vertex_ai", "google.genai", "google_genai", "bedrock.converse", "bedrock_converse", "openaisdk",
			"openai_sdk", "oci", "oci_genai", "azure", "azure_openai");

	private static final ClassValue<Provider> PROVIDERS = new ClassValue<>() {
		@Override
		protected Provider computeValue(Class<?> type) {
			return new Provider(type, providerOf(type));
		}
	};

	private final String defaultProvider;

	/**
	 * The provider of the options type seen last: applications use one or two, and a field
	 * read is cheaper than a {@link ClassValue} lookup on every call.
	 */
	private Provider lastProvider = new Provider(Void.class, UNKNOWN);

	/**
	 * Create an instance.
	 * @param defaultProvider the provider of calls whose options do not tell it, such as
	 * Spring AI's portable {@code ChatOptions}
	 */
	public ProviderResolver(String defaultProvider) {
		Assert.hasText(defaultProvider, "'defaultProvider' must not be empty");
		this.defaultProvider = defaultProvider;
	}

	/**
	 * Return the provider of a call with the given options.
	 * @param options the prompt's options, may be {@code null}
	 * @return the provider tag value
	 */
	public String provider(@Nullable ChatOptions options) {
		if (options == null) {
			return this.defaultProvider;
		}
		Provider last = this.lastProvider;
		if (last.type != options.getClass()) {
			// Racy but safe: Provider is immutable, and a lost update only costs a lookup.
			last = PROVIDERS.get(options.getClass());
			this.lastProvider = last;
		}
		return UNKNOWN.equals(last.name) ? this.defaultProvider : last.name;
	}

	/**
	 * Return the provider of a Spring AI type, such as {@code openai} for
	 * {@code OpenAiChatOptions} or {@code OpenAiChatModel}, as Spring AI's {@code AiProvider}
	 * names it, else the name of the Spring AI module the type belongs to.
	 * @param type a chat options or chat model type
	 * @return the provider tag value, {@link #UNKNOWN} when the type is not a provider's
	 */
	public static String providerOf(Class<?> type) {
		return providerOf(type.getName());
	}

	static String providerOf(String name) {
		if (!name.startsWith(SPRING_AI_PACKAGE)) {
			return UNKNOWN;
		}
		String[] segments = name.substring(SPRING_AI_PACKAGE.length()).toLowerCase(Locale.ROOT).split("\\.");
		if (segments.length < 2) {
			return UNKNOWN;
		}
		String module = segments[0];
		if (module.equals("chat") || module.equals("model") || module.equals("tool")) {
			// Spring AI's core, shared by every provider.
			return UNKNOWN;
		}
		String twoSegments = PROVIDER_NAMES.get(module + "." + segments[1]);
		return (twoSegments != null) ? twoSegments : PROVIDER_NAMES.getOrDefault(module, module);
	}

	/** The provider of an options type. */
	private record Provider(Class<?> type, String name) {
	}

}
