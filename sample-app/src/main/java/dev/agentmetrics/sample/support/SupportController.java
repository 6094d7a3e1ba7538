package dev.agentmetrics.sample.support;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Flux;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * HTTP front of the {@link SupportAgent}: {@code POST /ask} answers with JSON,
 * {@code POST /ask/stream} streams the answer as plain text. A failed model provider is
 * answered by {@link ProviderFailureAdvice}, whose exceptions depend on the Spring AI
 * generation.
 *
 * @author agent-metrics
 */
@RestController
public class SupportController {

	private final SupportAgent agent;

	/**
	 * Create the controller.
	 * @param agent the agent that answers
	 */
	public SupportController(SupportAgent agent) {
		this.agent = agent;
	}

	/**
	 * Answer a question.
	 * @param request the question
	 * @return the answer
	 */
	@PostMapping(path = "/ask", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	public AskResponse ask(@RequestBody AskRequest request) {
		return new AskResponse(this.agent.ask(validQuestion(request), request.model()));
	}

	/**
	 * Answer a question, streaming the answer as it is generated.
	 * @param request the question
	 * @return the answer, fragment by fragment
	 */
	@PostMapping(path = "/ask/stream", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = "text/plain;charset=UTF-8")
	public Flux<String> askStream(@RequestBody AskRequest request) {
		return this.agent.askStream(validQuestion(request), request.model());
	}

	/**
	 * Report a call the provider's open circuit breaker rejected as
	 * {@code 503 Service Unavailable}: the provider is down, and no request was made.
	 * @param ex the rejection
	 * @return the problem
	 */
	@ExceptionHandler(CallNotPermittedException.class)
	public ProblemDetail circuitOpen(CallNotPermittedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("Model provider unavailable (circuit breaker open)");
		return problem;
	}

	/**
	 * Return the answer to a failed or unreachable model provider: {@code 502 Bad Gateway}.
	 * @param ex the failure
	 * @return the problem
	 */
	static ProblemDetail providerFailed(RuntimeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("The model provider failed");
		return problem;
	}

	private static String validQuestion(AskRequest request) {
		if (!StringUtils.hasText(request.question())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "question must not be blank");
		}
		return request.question();
	}

	/**
	 * Body of {@code POST /ask} and {@code POST /ask/stream}.
	 *
	 * @param question the customer's question
	 * @param model the model to use instead of the configured one, optional
	 */
	public record AskRequest(String question, @Nullable String model) {
	}

	/**
	 * Body of the answer of {@code POST /ask}.
	 *
	 * @param answer the agent's answer
	 */
	public record AskResponse(String answer) {
	}

}
