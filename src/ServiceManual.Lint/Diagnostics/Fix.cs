namespace ServiceManual.Lint.Diagnostics;

/// <summary>Replace <see cref="Length"/> characters at <see cref="Offset"/> of a file's text with <see cref="NewText"/>.</summary>
public sealed record TextEdit(int Offset, int Length, string NewText);

/// <summary>A certain repair for a finding: edits to one file, described for people.</summary>
public sealed record Fix(string Description, IReadOnlyList<TextEdit> Edits);
