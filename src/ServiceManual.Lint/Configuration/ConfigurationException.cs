namespace ServiceManual.Lint.Configuration;

/// <summary>A configuration file or option is wrong; the message names the file and line. The CLI exits with 2.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
