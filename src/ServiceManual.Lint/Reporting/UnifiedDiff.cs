namespace ServiceManual.Lint.Reporting;

/// <summary>
/// A unified diff of two texts (<c>diff -u</c>, <c>git diff</c>), as <c>git apply</c> and <c>patch</c>
/// read it: lines keep their own line ends, so a CRLF file's diff applies to it byte for byte.
/// </summary>
internal static class UnifiedDiff
{
    /// <summary>
    /// Writes the diff of <paramref name="before"/> and <paramref name="after"/> under the names
    /// <c>a/<paramref name="path"/></c> and <c>b/<paramref name="path"/></c>, with
    /// <paramref name="context"/> unchanged lines around each change; nothing when they are equal.
    /// </summary>
    public static void Write(TextWriter writer, string path, string before, string after, int context = 3)
    {
        if (string.Equals(before, after, StringComparison.Ordinal)) return;
        var a = SplitLines(before);
        var b = SplitLines(after);
        var script = Diff(a, b);
        writer.Write($"--- a/{path}\n+++ b/{path}\n");
        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Kind == ' ')
            {
                i++;
                continue;
            }
            // A hunk: from this change back `context` lines, on while the next change is within 2 * context lines.
            var start = Math.Max(0, i - context);
            var end = i;
            while (true)
            {
                while (end < script.Count && script[end].Kind != ' ') end++;
                var next = end;
                while (next < script.Count && script[next].Kind == ' ') next++;
                if (next < script.Count && next - end <= 2 * context)
                {
                    end = next;
                    continue;
                }
                end = Math.Min(script.Count, end + context);
                break;
            }
            WriteHunk(writer, script, start, end, a, b);
            i = end;
        }
    }

    private static void WriteHunk(TextWriter writer, List<(char Kind, int A, int B)> script, int start, int end, string[] a, string[] b)
    {
        var first = script[start];
        var oldCount = 0;
        var newCount = 0;
        for (var j = start; j < end; j++)
        {
            if (script[j].Kind != '+') oldCount++;
            if (script[j].Kind != '-') newCount++;
        }
        // An empty side is numbered by the line before it (diff's convention).
        var oldStart = oldCount == 0 ? first.A : first.A + 1;
        var newStart = newCount == 0 ? first.B : first.B + 1;
        writer.Write($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
        for (var j = start; j < end; j++)
        {
            var (kind, ai, bi) = script[j];
            var line = kind == '+' ? b[bi] : a[ai];
            writer.Write(kind);
            writer.Write(line);
            if (!line.EndsWith('\n')) writer.Write("\n\\ No newline at end of file\n");
        }
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{start},{count}";

    /// <summary>Lines with their line ends, split after each LF as diff and patch split them (a CR stays in its line).</summary>
    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var from = 0;
        for (var at = 0; at < text.Length; at++)
        {
            if (text[at] == '\n')
            {
                lines.Add(text[from..(at + 1)]);
                from = at + 1;
            }
        }
        if (from < text.Length) lines.Add(text[from..]);
        return [.. lines];
    }

    // Myers' O(ND) difference (the algorithm of GNU diff and git), after the common head and tail are
    // taken off: a fix changes a few lines of a long page, so D is small.
    private static List<(char Kind, int A, int B)> Diff(string[] a, string[] b)
    {
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head]) head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)]) tail++;
        int n = a.Length - head - tail, m = b.Length - head - tail, max = n + m, offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = false;
        for (var d = 0; d <= max && !found; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[head + x] == b[head + y])
                {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = true;
                    break;
                }
            }
        }
        // Walk back through the saved frontiers to recover the edit script, last step first.
        var middle = new List<(char, int, int)>();
        int cx = n, cy = m;
        for (var d = trace.Count - 1; d > 0; d--)
        {
            var frontier = trace[d];
            var k = cx - cy;
            var previousK = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) ? k + 1 : k - 1;
            var previousX = frontier[offset + previousK];
            var previousY = previousX - previousK;
            while (cx > previousX && cy > previousY)
            {
                cx--;
                cy--;
                middle.Add((' ', head + cx, head + cy));
            }
            if (cx == previousX) middle.Add(('+', head + cx, head + previousY));
            else middle.Add(('-', head + previousX, head + cy));
            cx = previousX;
            cy = previousY;
        }
        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            middle.Add((' ', head + cx, head + cy));
        }
        middle.Reverse();
        var script = new List<(char Kind, int A, int B)>(a.Length + m);
        for (var j = 0; j < head; j++) script.Add((' ', j, j));
        script.AddRange(middle);
        for (var j = 0; j < tail; j++) script.Add((' ', a.Length - tail + j, b.Length - tail + j));
        return script;
    }
}
