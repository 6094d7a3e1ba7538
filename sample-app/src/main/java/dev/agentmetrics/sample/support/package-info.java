/**
 * The support agent: a ChatClient with tools, behind {@code POST /ask} and
 * {@code POST /ask/stream}.
 */
@NonNullApi
package dev.agentmetrics.sample.support;

import org.springframework.lang.NonNullApi;
