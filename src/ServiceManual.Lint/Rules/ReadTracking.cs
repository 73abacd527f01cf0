namespace ServiceManual.Lint.Rules;

/// <summary>
/// A test hook that sees what rules read of other files through their contexts, so a test can
/// hold each rule to its <see cref="RuleDescriptor.Reads"/>. Off in production: each typed read
/// then costs one test of a static field.
/// </summary>
internal static class ReadTracking
{
    /// <summary>A read no rule may declare: another file's links or text, which the incremental cache does not watch.</summary>
    public const SiteReads Unwatched = (SiteReads)(1 << 30);

    /// <summary>Everything the incremental cache watches (see <c>PageFacts</c> and the file list hash).</summary>
    public const SiteReads Watched = SiteReads.Files | SiteReads.Anchors | SiteReads.FrontMatter | SiteReads.Lists | SiteReads.Includes;

    private static readonly AsyncLocal<Action<RuleDescriptor, SiteReads>?> Observer = new();
    private static volatile bool isOn;

    /// <summary>Whether any test has started observing (then each read also asks the flow's observer).</summary>
    public static bool IsOn => isOn;

    /// <summary>
    /// Calls <paramref name="observer"/> for every cross-file read a rule makes in this flow of
    /// execution (the runs it starts, on whatever threads they use), until the result is disposed.
    /// </summary>
    public static IDisposable Observe(Action<RuleDescriptor, SiteReads> observer)
    {
        isOn = true;
        var previous = Observer.Value;
        Observer.Value = observer;
        return new Restore(previous);
    }

    public static void Record(RuleDescriptor rule, SiteReads kind) => Observer.Value?.Invoke(rule, kind);

    private sealed class Restore(Action<RuleDescriptor, SiteReads>? previous) : IDisposable
    {
        public void Dispose() => Observer.Value = previous;
    }
}
