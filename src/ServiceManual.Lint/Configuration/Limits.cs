namespace ServiceManual.Lint.Configuration;

/// <summary>
/// Bounds that keep hostile or broken content harmless; each one that trips is a finding on that
/// file and every other file is still linted. Defaults are far above real pages (the largest page
/// of the Service Manual is about 27 KB). Set them under <c>limits:</c> in <c>smlint.yml</c>.
/// </summary>
internal sealed record Limits
{
    /// <summary>A page or template larger than this is not read (<c>max-page-bytes</c>).</summary>
    public long MaxPageBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Front matter larger than this is not parsed (<c>max-front-matter-bytes</c>).</summary>
    public int MaxFrontMatterBytes { get; init; } = 256 * 1024;

    /// <summary>A file whose parse takes longer than this is abandoned and reported (<c>parse-seconds</c>).</summary>
    public double ParseSeconds { get; init; } = 5;
}
