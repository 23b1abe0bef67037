using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace FedChain.IntegrationTests.Observability;

/// <summary>
/// An in-test OTLP/HTTP trace receiver: the hosts' real OTLP exporters post ExportTraceServiceRequest protobufs to
/// it; it decodes the few fields a trace check needs (service.name, trace id, span id, parent span id, name).
/// </summary>
public sealed class OtlpTraceCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentBag<OtlpSpan> _spans = [];
    private readonly Task _serving;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/>.</summary>
    public OtlpTraceCollector(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The base URL to give the hosts as Telemetry:OtlpEndpoint.</summary>
    public string Endpoint { get; }

    /// <summary>Every span received so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans => [.. _spans];

    /// <inheritdoc />
    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var span in Decode(body.ToArray()))
                {
                    _spans.Add(span);
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    // ExportTraceServiceRequest { 1: ResourceSpans[] }; ResourceSpans { 1: Resource { 1: KeyValue[] }, 2: ScopeSpans[] };
    // ScopeSpans { 2: Span[] }; Span { 1: trace_id, 2: span_id, 4: parent_span_id, 5: name }.
    private static IEnumerable<OtlpSpan> Decode(byte[] request)
    {
        foreach (var (field, resourceSpans) in Fields(request))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var spans = new List<byte[]>();
            foreach (var (f, value) in Fields(resourceSpans))
            {
                if (f == 1)
                {
                    foreach (var (a, attribute) in Fields(value))
                    {
                        if (a == 1 && Attribute(attribute) is ("service.name", var name))
                        {
                            service = name;
                        }
                    }
                }
                else if (f == 2)
                {
                    spans.AddRange(Fields(value).Where(s => s.Field == 2).Select(s => s.Value));
                }
            }

            foreach (var span in spans)
            {
                string trace = "", id = "", parent = "", name = "";
                foreach (var (f, value) in Fields(span))
                {
                    switch (f)
                    {
                        case 1: trace = Convert.ToHexStringLower(value); break;
                        case 2: id = Convert.ToHexStringLower(value); break;
                        case 4: parent = Convert.ToHexStringLower(value); break;
                        case 5: name = Encoding.UTF8.GetString(value); break;
                    }
                }

                yield return new OtlpSpan(service, trace, id, parent, name);
            }
        }
    }

    private static (string Key, string Value) Attribute(byte[] keyValue)
    {
        string key = "", text = "";
        foreach (var (f, value) in Fields(keyValue))
        {
            if (f == 1)
            {
                key = Encoding.UTF8.GetString(value);
            }
            else if (f == 2)
            {
                text = Fields(value).Where(v => v.Field == 1).Select(v => Encoding.UTF8.GetString(v.Value)).FirstOrDefault() ?? "";
            }
        }

        return (key, text);
    }

    // The length-delimited fields of a protobuf message; varint and fixed fields are skipped.
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0: Varint(message, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    fields.Add((field, message[position..(position + length)]));
                    position += length;
                    break;
                default: throw new InvalidDataException($"OTLP request: unsupported protobuf wire type {tag & 7} at byte {position}");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
