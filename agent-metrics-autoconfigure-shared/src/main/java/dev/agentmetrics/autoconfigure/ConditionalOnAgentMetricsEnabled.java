package dev.agentmetrics.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * The global switch of agent-metrics: matches unless {@code agent-metrics.enabled} is
 * {@code false}. Every auto-configuration of agent-metrics carries it.
 *
 * @author agent-metrics
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnBooleanProperty(name = "agent-metrics.enabled", matchIfMissing = true)
public @interface ConditionalOnAgentMetricsEnabled {

}
