namespace ServiceManual.Lint.Configuration;

/// <summary>How the built site is served, which decides every page's URL and so how relative links resolve.</summary>
internal enum ServingStyle
{
    /// <summary>
    /// <c>a/b.md</c> is served at <c>/a/b</c> and <c>a/index.md</c> at <c>/a</c> (no trailing slash);
    /// <c>.html</c> URLs redirect there. The GOV.UK Service Manual's <c>app.rb</c> serves this way.
    /// </summary>
    Extensionless,

    /// <summary>Jekyll's own server: <c>a/b.md</c> at <c>/a/b.html</c> and <c>a/index.md</c> at <c>/a/</c>.</summary>
    Jekyll,
}
