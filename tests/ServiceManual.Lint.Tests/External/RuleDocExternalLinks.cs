namespace ServiceManual.Lint.Tests.External;

/// <summary>
/// Lints the examples of the external link rules' docs (rules/SM31x.md) with <c>--external</c>, every
/// host name connected to one test server on 127.0.0.1, so the docs' examples run offline.
/// </summary>
internal static class RuleDocExternalLinks
{
    private static readonly Lazy<ExternalTestServer> Server = new(() => ExternalTestServer.StartAsync().GetAwaiter().GetResult());

    public static bool Applies(string ruleId) => string.CompareOrdinal(ruleId, "SM310") >= 0 && string.CompareOrdinal(ruleId, "SM319") <= 0;

    public static LintResult Lint(TestSite site) => Linter.Lint(new LintOptions
    {
        Root = site.Root,
        CheckExternalLinks = true,
        // Every run asks the server: what an example shows does not depend on the one before.
        RefreshExternalLinks = true,
        ExternalConnect = Server.Value.Connect,
    });
}
