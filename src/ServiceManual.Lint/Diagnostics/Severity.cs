namespace ServiceManual.Lint.Diagnostics;

/// <summary>How serious a finding is. <see cref="Off"/> disables a rule.</summary>
public enum Severity
{
    /// <summary>The rule does not run.</summary>
    Off = 0,
    /// <summary>Worth knowing; never fails a build unless asked.</summary>
    Info = 1,
    /// <summary>Probably wrong; fails with <c>--fail-on warning</c>.</summary>
    Warning = 2,
    /// <summary>A reader will hit this defect.</summary>
    Error = 3,
}

/// <summary>Parsing and printing of <see cref="Severity"/> names.</summary>
internal static class SeverityNames
{
    /// <summary>Parses <c>off</c>, <c>info</c>, <c>warning</c> (or <c>warn</c>) and <c>error</c>, ignoring case.</summary>
    public static bool TryParse(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off": case "none": case "false": severity = Severity.Off; return true;
            case "info": case "information": case "note": severity = Severity.Info; return true;
            case "warning": case "warn": severity = Severity.Warning; return true;
            case "error": case "on": case "true": severity = Severity.Error; return true;
            default: severity = Severity.Off; return false;
        }
    }

    /// <summary>The lower-case name used in configuration and output.</summary>
    public static string ToName(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => "off",
    };
}
