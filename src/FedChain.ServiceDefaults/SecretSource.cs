namespace FedChain.ServiceDefaults;

/// <summary>Loads a secret from a mounted file or an environment variable, naming the source (never the value) on errors.</summary>
public static class SecretSource
{
    /// <summary>
    /// Reads the secret from <paramref name="file"/> when set, else from the environment variable
    /// <paramref name="environmentVariable"/>; <paramref name="configurationKey"/> names the setting in errors.
    /// </summary>
    public static SecretText Load(string? file, string? environmentVariable, string configurationKey)
    {
        if (!string.IsNullOrWhiteSpace(file))
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{configurationKey}: secret file '{file}' does not exist");
            }

            var text = File.ReadAllText(file).Trim();
            return text.Length > 0
                ? new SecretText(text)
                : throw new InvalidOperationException($"{configurationKey}: secret file '{file}' is empty");
        }

        if (!string.IsNullOrWhiteSpace(environmentVariable))
        {
            var value = Environment.GetEnvironmentVariable(environmentVariable);
            return !string.IsNullOrWhiteSpace(value)
                ? new SecretText(value.Trim())
                : throw new InvalidOperationException($"{configurationKey}: environment variable '{environmentVariable}' is not set");
        }

        throw new InvalidOperationException($"{configurationKey}: no secret source configured (set a file or an environment variable)");
    }
}
