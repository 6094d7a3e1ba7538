/**
 * Background traffic that keeps calling the support agent so that the metrics move.
 */
@NonNullApi
package dev.agentmetrics.sample.traffic;

import org.springframework.lang.NonNullApi;
