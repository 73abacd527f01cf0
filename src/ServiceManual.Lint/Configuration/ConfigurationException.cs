namespace ServiceManual.Lint.Configuration;

/// <summary>A configuration file or option is wrong; the message names the file and line. The CLI exits with 2.</summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>A configuration error not tied to a place in a file (a path given on the command line, say).</summary>
    public ConfigurationException(string message) : base(message)
    {
        Reason = message;
    }

    /// <summary>A configuration error at a place in a file; the message is prefixed with <c>file:line:column:</c>.</summary>
    /// <param name="file">The file as it is named in the message (as given, or relative to the site root).</param>
    /// <param name="line">1-based line, or 0 when not known.</param>
    /// <param name="column">1-based column, or 0 when not known.</param>
    /// <param name="message">What is wrong, without the place.</param>
    /// <param name="fullPath">The file's full path, for hosts that place errors (MSBuild); <paramref name="file"/> made full when null.</param>
    public ConfigurationException(string file, int line, int column, string message, string? fullPath = null)
        : base(line > 0 ? $"{file}:{line}:{column}: {message}" : $"{file}: {message}")
    {
        File = fullPath ?? Path.GetFullPath(file);
        Line = line;
        Column = column;
        Reason = message;
    }

    /// <summary>The full path of the file at fault, when the error is in a file.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the error in <see cref="File"/>, or 0.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error in <see cref="File"/>, or 0.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the file and position (the whole message when there is no file).</summary>
    public string Reason { get; }
}
