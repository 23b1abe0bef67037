namespace FedChain.Ethereum.Signing;

/// <summary>
/// Where a host's signing key is, as configured, and what each setting is called where it was configured
/// (e.g. "Worker:KeyFile" or "--key-file"), so a bad key is reported against the setting that named it.
/// </summary>
/// <param name="KeyFile">A keystore v3 JSON file, or a file holding a 0x hex key (e.g. a mounted secret).</param>
/// <param name="PasswordFile">The keystore's password file (required with a keystore).</param>
/// <param name="EnvironmentVariable">An environment variable holding a 0x hex key.</param>
/// <param name="KeyFileSetting">The name of the key-file setting.</param>
/// <param name="PasswordFileSetting">The name of the password-file setting.</param>
/// <param name="EnvironmentVariableSetting">The name of the environment-variable setting (null when the host offers none).</param>
/// <param name="Purpose">What the key signs, for the "no key configured" message.</param>
public sealed record KeyLocation(
    string? KeyFile,
    string? PasswordFile,
    string? EnvironmentVariable,
    string KeyFileSetting,
    string PasswordFileSetting,
    string? EnvironmentVariableSetting,
    string Purpose);
