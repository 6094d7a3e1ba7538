/**
 * Error classification: the closed set of {@link dev.agentmetrics.error.ErrorKind kinds}
 * and the {@link dev.agentmetrics.error.ErrorClassifier} that maps exceptions to them.
 */
package dev.agentmetrics.error;
