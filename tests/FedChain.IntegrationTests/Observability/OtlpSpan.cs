namespace FedChain.IntegrationTests.Observability;

/// <summary>One span as a host exported it over OTLP, with the service that sent it.</summary>
/// <param name="Service">The resource's service.name.</param>
/// <param name="TraceId">Trace id, hex.</param>
/// <param name="SpanId">Span id, hex.</param>
/// <param name="ParentSpanId">Parent span id, hex; empty for a root.</param>
/// <param name="Name">Span name.</param>
public sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name);
