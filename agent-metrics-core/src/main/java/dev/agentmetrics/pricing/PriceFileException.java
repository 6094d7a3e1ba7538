package dev.agentmetrics.pricing;

import java.io.IOException;

import org.springframework.lang.Nullable;

/**
 * Thrown when a {@link PriceFile} cannot be read or priced from, with the reason as its
 * message, such as {@code file not found: /etc/prices.json} or {@code HTTP 404}.
 *
 * @author agent-metrics
 */
public class PriceFileException extends IOException {

	/**
	 * Create an exception.
	 * @param reason why the file could not be used
	 * @param cause the underlying failure, or {@code null}
	 */
	public PriceFileException(String reason, @Nullable Throwable cause) {
		super(reason, cause);
	}

}
