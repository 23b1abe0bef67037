namespace FedChain.Messaging;

/// <summary>Configuration section "Bus": transport, broker, credentials, flow control, retry and chunking.</summary>
public sealed class BusOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Bus";

    /// <summary>InMemory (default) or RabbitMq.</summary>
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>The broker URI, e.g. "amqp://rabbitmq:5672/" (path = virtual host). Required for RabbitMq. User info in the URI is used when Username/Password are not set.</summary>
    public string? Host { get; set; }

    /// <summary>The broker user name (defaults to the URI's user, else "guest").</summary>
    public string? Username { get; set; }

    /// <summary>The broker password. A secret: never logged. Prefer <see cref="PasswordFile"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A file holding the broker password (e.g. a mounted container secret); trailing new lines are ignored.</summary>
    public string? PasswordFile { get; set; }

    /// <summary>Prefix of every queue name (kebab case), so several deployments can share a broker.</summary>
    public string EndpointPrefix { get; set; } = "fedchain";

    /// <summary>Messages the broker delivers ahead of acknowledgement, per endpoint.</summary>
    public int Prefetch { get; set; } = 16;

    /// <summary>Messages consumed at once per endpoint (0 = same as <see cref="Prefetch"/>).</summary>
    public int ConcurrentMessageLimit { get; set; }

    /// <summary>Redeliveries of a failing message before it is moved to the endpoint's _error queue (0 = none).</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>The first retry delay; later ones double up to <see cref="RetryMaxInterval"/>.</summary>
    public TimeSpan RetryMinInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest retry delay.</summary>
    public TimeSpan RetryMaxInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages whose serialized size exceeds this are sent as ordered chunks (below the broker's 16 MiB default limit).</summary>
    public int ChunkSizeBytes { get; set; } = 8 << 20;

    /// <summary>Where received chunks wait (on disk, so an acknowledged chunk survives a restart) until their message is complete.</summary>
    public string? ChunkDirectory { get; set; }

    /// <summary>How long start-up waits for the broker before failing.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The user name and password actually used: explicit settings, then the password file, then the URI's user info.</summary>
    public (string Username, string Password) ResolveCredentials()
    {
        var uri = Host is null ? null : new Uri(Host);
        var userInfo = uri?.UserInfo.Split(':', 2) ?? [];
        var username = Username ?? (userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest");
        string password;
        if (Password is not null)
        {
            password = Password;
        }
        else if (PasswordFile is not null)
        {
            password = File.Exists(PasswordFile)
                ? File.ReadAllText(PasswordFile).TrimEnd('\r', '\n')
                : throw new InvalidOperationException($"{SectionName}:PasswordFile: file '{PasswordFile}' does not exist");
        }
        else
        {
            password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest";
        }

        return (username, password);
    }

    /// <summary>The broker URI without user info, safe to log.</summary>
    public Uri? RedactedHost() =>
        Host is null || !Uri.TryCreate(Host, UriKind.Absolute, out var uri)
            ? null
            : new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;

    /// <summary>A log-safe description (no secrets).</summary>
    public override string ToString() =>
        Transport == BusTransport.InMemory
            ? $"in-memory bus, prefix '{EndpointPrefix}', prefetch {Prefetch}, retry {RetryLimit}"
            : $"RabbitMQ at {RedactedHost()} as '{ResolveUsernameSafely()}', prefix '{EndpointPrefix}', prefetch {Prefetch}, retry {RetryLimit}, chunks of {ChunkSizeBytes} bytes";

    private string ResolveUsernameSafely()
    {
        try
        {
            return ResolveCredentials().Username;
        }
        catch (InvalidOperationException)
        {
            return Username ?? "?";
        }
    }
}
