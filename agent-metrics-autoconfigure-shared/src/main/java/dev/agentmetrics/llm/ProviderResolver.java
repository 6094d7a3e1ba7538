package dev.agentmetrics.llm;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

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

	/**
	 * Providers that serve OpenAI's API, by the host of their endpoint, named as Spring AI's
	 * own modules for them are where it has one.
	 */
	private static final Map<String, String> OPENAI_COMPATIBLE_HOSTS = Map.ofEntries(
			Map.entry("api.deepseek.com", "deepseek"), Map.entry("api.mistral.ai", "mistral_ai"),
			Map.entry("api.groq.com", "groq"), Map.entry("api.x.ai", "xai"), Map.entry("openrouter.ai", "openrouter"),
			Map.entry("api.together.xyz", "together_ai"), Map.entry("api.fireworks.ai", "fireworks_ai"),
			Map.entry("api.perplexity.ai", "perplexity"), Map.entry("api.cerebras.ai", "cerebras"),
			Map.entry("generativelanguage.googleapis.com", "google_genai"),
			Map.entry("dashscope.aliyuncs.com", "dashscope"), Map.entry("api.moonshot.ai", "moonshot"));

	private final String defaultProvider;

	private final Map<String, String> renamed;

	/**
	 * The provider of the options type seen last: applications use one or two, and a field
	 * read is cheaper than a {@link ClassValue} lookup on every call.
	 */
	private Provider lastProvider;

	/**
	 * Create an instance.
	 * @param defaultProvider the provider of calls whose options do not tell it, such as
	 * Spring AI's portable {@code ChatOptions}
	 */
	public ProviderResolver(String defaultProvider) {
		this(defaultProvider, Map.of());
	}

	/**
	 * Create an instance that names some providers otherwise, such as the OpenAI client
	 * pointed at another provider's OpenAI-compatible endpoint.
	 * @param defaultProvider the provider of calls whose options do not tell it
	 * @param renamed the names to give providers resolved from options types, by the name
	 * they would have
	 */
	public ProviderResolver(String defaultProvider, Map<String, String> renamed) {
		Assert.hasText(defaultProvider, "'defaultProvider' must not be empty");
		Assert.notNull(renamed, "'renamed' must not be null");
		this.defaultProvider = defaultProvider;
		this.renamed = Map.copyOf(renamed);
		this.lastProvider = new Provider(Void.class, UNKNOWN);
	}

	/**
	 * Return the provider an OpenAI client pointed at the given base URL talks to: the
	 * provider of an OpenAI-compatible endpoint whose host is a known one, else
	 * {@code openai}.
	 * @param baseUrl the client's base URL, may be {@code null}
	 * @return the provider tag value
	 */
	public static String openAiCompatibleProvider(@Nullable String baseUrl) {
		if (!StringUtils.hasText(baseUrl)) {
			return "openai";
		}
		try {
			String host = URI.create(baseUrl.trim()).getHost();
			return (host != null) ? OPENAI_COMPATIBLE_HOSTS.getOrDefault(host.toLowerCase(Locale.ROOT), "openai")
					: "openai";
		}
		catch (IllegalArgumentException ex) {
			return "openai";
		}
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
			Provider provider = PROVIDERS.get(options.getClass());
			last = new Provider(provider.type, this.renamed.getOrDefault(provider.name, provider.name));
			this.lastProvider = last;
		}
		return UNKNOWN.equals(last.name) ? this.defaultProvider : last.name;
	}

	/**
	 * Return the name this resolver gives a provider, after the renames it was given.
	 * @param provider the provider as Spring AI's module names it, such as {@code openai}
	 * @return the provider tag value
	 */
	public String name(String provider) {
		return this.renamed.getOrDefault(provider, provider);
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
