/**
 * Support code shared by the feature packages.
 */
package dev.agentmetrics.support;
