package dev.agentmetrics.llm.google;

import java.util.List;

import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.HttpErrorReader.HttpError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleGenAiErrorReaderTests {

	private final GoogleGenAiErrorReader reader = new GoogleGenAiErrorReader();

	private final DefaultErrorClassifier classifier = new DefaultErrorClassifier(List.of(this.reader));

	@Test
	void readsTheStatusAndMessageOfTheSdksExceptions() {
		ClientException error = new ClientException(429, "Too Many Requests",
				"Resource has been exhausted (e.g. check quota).");
		assertThat(this.reader.read(error))
			.isEqualTo(new HttpError(429, "429 Too Many Requests. Resource has been exhausted (e.g. check quota)."));
		assertThat(this.reader.read(new RuntimeException("Failed to generate content", error))).isNull();
	}

	@Test
	void classifiesTheSdksExceptionsInsideSpringAisWrapper() {
		assertThat(classify(new ClientException(429, "Too Many Requests", "Resource has been exhausted.")))
			.isEqualTo(ErrorKind.RATE_LIMIT);
		assertThat(classify(new ClientException(400, "Bad Request",
				"The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).")))
			.isEqualTo(ErrorKind.CONTEXT_LENGTH);
		assertThat(classify(new ClientException(400, "Bad Request", "Invalid JSON payload received.")))
			.isEqualTo(ErrorKind.INVALID_REQUEST);
		assertThat(classify(new ClientException(403, "Forbidden", "Method doesn't allow unregistered callers.")))
			.isEqualTo(ErrorKind.AUTH);
		assertThat(classify(new ServerException(500, "Internal Server Error", "An internal error has occurred.")))
			.isEqualTo(ErrorKind.SERVER_ERROR);
		assertThat(classify(new ServerException(503, "Service Unavailable", "The model is overloaded.")))
			.isEqualTo(ErrorKind.SERVER_ERROR);
	}

	private ErrorKind classify(Exception sdkError) {
		// As Spring AI's GoogleGenAiChatModel throws it.
		return this.classifier.classify(new RuntimeException("Failed to generate content", sdkError));
	}

}
