using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Tests;

/// <summary>A run's pool is shared by every parser thread: it must never hand back a wrong string.</summary>
public sealed class StringPoolTests
{
    // A run owns its pool; each test has its own (and its own values).
    private readonly StringPool pool = new();
    private readonly string prefix = Guid.NewGuid().ToString("N");

    [Test]
    public void A_value_is_shared_whether_it_comes_as_a_string_or_a_span_and_long_values_are_not_pooled()
    {
        var first = pool.Share(prefix + "/service-manual/agile");
        var fromSpan = pool.Share((prefix + "/service-manual/agile|tail").AsSpan(0, first.Length));
        Assert.That(fromSpan, Is.SameAs(first));

        var longValue = prefix + new string('x', 300);
        var again = pool.Share(longValue.AsSpan());
        Assert.That((again, ReferenceEquals(again, pool.Share(longValue.AsSpan()))), Is.EqualTo((longValue, false)));
    }

    [Test]
    public void Values_stay_shared_as_the_table_grows()
    {
        // Far more than the table's first size, so it grows several times.
        var values = Enumerable.Range(0, 100_000).Select(i => $"{prefix}-{i}").ToArray();
        var shared = values.Select(pool.Share).ToArray();
        Assert.That(shared, Is.EqualTo(values));
        for (var i = 0; i < values.Length; i++)
        {
            Assert.That(pool.Share(values[i].AsSpan()), Is.SameAs(shared[i]), values[i]);
        }
    }

    [Test]
    public void Threads_sharing_the_same_values_at_once_get_equal_strings_and_one_copy_in_the_end()
    {
        var values = Enumerable.Range(0, 50_000).Select(i => $"{prefix}:{i}").ToArray();
        var results = new string[4][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = results.Length }, thread =>
        {
            // Each thread in its own order, so they race on both lookups and growth.
            var order = thread % 2 == 0 ? values : values.Reverse().ToArray();
            results[thread] = order.Select(v => pool.Share(v.AsSpan())).ToArray();
            if (thread % 2 == 1) Array.Reverse(results[thread]);
        });
        foreach (var result in results) Assert.That(result, Is.EqualTo(values), "a wrong string was handed back");
        // Sharing is best effort while the table grows; once it is done, each value has one copy.
        foreach (var value in values) Assert.That(pool.Share(value.AsSpan()), Is.SameAs(pool.Share(value)));
    }
}
