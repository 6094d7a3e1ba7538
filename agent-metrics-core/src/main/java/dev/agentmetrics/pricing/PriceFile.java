package dev.agentmetrics.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import dev.agentmetrics.support.JsonReader;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * A price file in LiteLLM's {@code model_prices_and_context_window.json} format, read from
 * a filesystem path, a {@code file:} URL, a {@code classpath:} resource or an
 * {@code http://} or {@code https://} URL each time it is {@link #load() loaded}.
 *
 * @author agent-metrics
 */
public final class PriceFile {

	/** How long to wait for an HTTP server to connect and to answer, each. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private static final String CLASSPATH = "classpath:";

	private static final String FILE = "file:";

	private final String location;

	private final String description;

	@Nullable
	private final Path path;

	@Nullable
	private final String resource;

	@Nullable
	private final URI uri;

	private final ClassLoader classLoader;

	private final Duration timeout;

	@Nullable
	private volatile HttpClient http;

	/**
	 * Create a price file read with the {@link #DEFAULT_TIMEOUT default timeout}.
	 * @param location a filesystem path or a {@code file:}, {@code classpath:},
	 * {@code http://} or {@code https://} URL
	 * @param classLoader the class loader of {@code classpath:} resources, or {@code null}
	 * for the default one
	 * @throws IllegalArgumentException if the location is none of these
	 */
	public PriceFile(String location, @Nullable ClassLoader classLoader) {
		this(location, classLoader, DEFAULT_TIMEOUT);
	}

	/**
	 * Create a price file.
	 * @param location a filesystem path or a {@code file:}, {@code classpath:},
	 * {@code http://} or {@code https://} URL
	 * @param classLoader the class loader of {@code classpath:} resources, or {@code null}
	 * for the default one
	 * @param timeout how long to wait for an HTTP server to connect and to answer, each
	 * @throws IllegalArgumentException if the location is none of these
	 */
	public PriceFile(String location, @Nullable ClassLoader classLoader, Duration timeout) {
		Assert.hasText(location, "'location' must not be empty");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.location = location.trim();
		this.classLoader = (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
		this.timeout = timeout;
		String lower = this.location.toLowerCase(Locale.ROOT);
		if (lower.startsWith("http://") || lower.startsWith("https://")) {
			this.uri = httpUri(this.location);
			this.path = null;
			this.resource = null;
			this.description = withoutCredentials(this.uri);
		}
		else if (lower.startsWith(CLASSPATH)) {
			String name = this.location.substring(CLASSPATH.length());
			this.resource = name.startsWith("/") ? name.substring(1) : name;
			Assert.hasText(this.resource, "a classpath: location must name a resource");
			this.uri = null;
			this.path = null;
			this.description = this.location;
		}
		else if (lower.startsWith(FILE)) {
			this.path = fileUrlPath(this.location);
			this.uri = null;
			this.resource = null;
			this.description = this.location;
		}
		else if (hasScheme(this.location)) {
			throw new IllegalArgumentException("a filesystem path or a file:, classpath:, http:// or https:// URL");
		}
		else {
			this.path = path(this.location);
			this.uri = null;
			this.resource = null;
			this.description = this.location;
		}
	}

	/**
	 * Read the file and its prices.
	 * @return the prices
	 * @throws PriceFileException if the file cannot be read, is not JSON, is not a LiteLLM
	 * price file or prices no chat model
	 */
	public LiteLlmPrices load() throws PriceFileException {
		String text = text(bytes());
		LiteLlmPrices prices;
		try {
			prices = LiteLlmPrices.parse(text);
		}
		catch (JsonReader.MalformedJsonException ex) {
			throw new PriceFileException("malformed JSON: " + ex.getMessage(), ex);
		}
		catch (IllegalArgumentException ex) {
			throw new PriceFileException(ex.getMessage(), ex);
		}
		if (prices.prices().isEmpty()) {
			int skipped = prices.skipped().size();
			throw new PriceFileException("no chat model has both an input and an output price (" + skipped
					+ ((skipped == 1) ? " chat entry" : " chat entries") + " skipped)", null);
		}
		return prices;
	}

	private byte[] bytes() throws PriceFileException {
		if (this.uri != null) {
			return download(this.uri);
		}
		if (this.resource != null) {
			try (InputStream in = this.classLoader.getResourceAsStream(this.resource)) {
				if (in == null) {
					throw new PriceFileException("classpath resource not found: " + this.resource, null);
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw (ex instanceof PriceFileException fileException) ? fileException
						: new PriceFileException("cannot read classpath resource " + this.resource + ": " + ex, ex);
			}
		}
		Path path = this.path;
		try {
			if (Files.isDirectory(path)) {
				throw new PriceFileException("a directory, not a file: " + path.toAbsolutePath(), null);
			}
			return Files.readAllBytes(path);
		}
		catch (NoSuchFileException ex) {
			throw new PriceFileException("file not found: " + path.toAbsolutePath(), ex);
		}
		catch (AccessDeniedException ex) {
			throw new PriceFileException("permission denied: " + path.toAbsolutePath(), ex);
		}
		catch (PriceFileException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new PriceFileException("cannot read " + path.toAbsolutePath() + ": " + ex, ex);
		}
	}

	private byte[] download(URI uri) throws PriceFileException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.timeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<byte[]> response;
		try {
			response = http().send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (HttpTimeoutException ex) {
			throw new PriceFileException("no answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (IOException ex) {
			throw new PriceFileException("cannot download: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PriceFileException("interrupted while downloading", ex);
		}
		if (response.statusCode() != 200) {
			throw new PriceFileException("HTTP " + response.statusCode(), null);
		}
		return response.body();
	}

	private HttpClient http() {
		HttpClient http = this.http;
		if (http == null) {
			http = HttpClient.newBuilder()
				.connectTimeout(this.timeout)
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
			this.http = http;
		}
		return http;
	}

	private String text(byte[] bytes) throws PriceFileException {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return (text.startsWith("\uFEFF")) ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new PriceFileException("not UTF-8 text", ex);
		}
	}

	private static URI httpUri(String location) {
		try {
			URI uri = new URI(location);
			if (uri.getHost() == null) {
				throw new IllegalArgumentException("an http:// or https:// URL with a host");
			}
			return uri;
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("a valid URL (" + ex.getMessage() + ")", ex);
		}
	}

	private static Path fileUrlPath(String location) {
		String rest = location.substring(FILE.length());
		if (!rest.startsWith("/")) {
			// file:prices.json, relative to the working directory as Spring reads it.
			return path(rest);
		}
		try {
			URI uri;
			try {
				uri = new URI(location);
			}
			catch (URISyntaxException ex) {
				// Not encoded, such as a path with spaces.
				uri = new URI("file", null, rest.startsWith("//") ? rest.substring(2) : rest, null);
			}
			return Path.of(uri);
		}
		catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException ex) {
			throw new IllegalArgumentException("a valid file: URL (" + ex.getMessage() + ")", ex);
		}
	}

	private static Path path(String location) {
		try {
			return Path.of(location);
		}
		catch (InvalidPathException ex) {
			throw new IllegalArgumentException("a valid filesystem path (" + ex.getMessage() + ")", ex);
		}
	}

	/** Whether the location starts with a URL scheme; a drive letter is not one. */
	private static boolean hasScheme(String location) {
		int colon = location.indexOf(':');
		return colon > 1 && location.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
	}

	/** The URL without user information, query or fragment, which may hold secrets. */
	private static String withoutCredentials(URI uri) {
		try {
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException ex) {
			return uri.getScheme() + "://" + uri.getHost();
		}
	}

	/**
	 * Return where the file is read from.
	 * @return the location as given
	 */
	public String getLocation() {
		return this.location;
	}

	/**
	 * Return where the file is read from, without the user information and query of a URL,
	 * which may hold secrets, for logs and messages.
	 * @return the description
	 */
	@Override
	public String toString() {
		return this.description;
	}

}
