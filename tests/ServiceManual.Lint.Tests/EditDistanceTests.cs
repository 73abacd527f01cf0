using ServiceManual.Lint.Text;

namespace ServiceManual.Lint.Tests;

public sealed class EditDistanceTests
{
    [TestCase("user-stories", "user-stories", 0)]
    [TestCase("ser-stories", "user-stories", 1)]     // a lost first letter
    [TestCase("usre-stories", "user-stories", 1)]    // two letters swapped: one edit, not two
    [TestCase("agile", "agiel", 1)]
    [TestCase("kitten", "sitting", 3)]
    [TestCase("", "abc", 3)]
    public void Counts_a_swap_of_neighbours_as_one_edit(string a, string b, int expected) =>
        Assert.That(EditDistance.Between(a, b), Is.EqualTo(expected));

    [Test]
    public void A_limit_gives_the_same_distance_within_it_and_nothing_beyond()
    {
        // The banded table a limit allows must agree with the whole table.
        var random = new Random(18);
        for (var round = 0; round < 3000; round++)
        {
            var a = Word(random);
            var b = random.Next(3) == 0 ? Mutate(a, random) : Word(random);
            var full = EditDistance.Between(a, b);
            foreach (var limit in new[] { 0, 1, 2, 3 })
            {
                Assert.That(EditDistance.Between(a, b, limit), Is.EqualTo(full <= limit ? full : int.MaxValue), $"'{a}' '{b}' limit {limit}");
            }
        }
    }

    private static string Word(Random random) => new([.. Enumerable.Range(0, random.Next(0, 9)).Select(_ => "abc-"[random.Next(4)])]);

    private static string Mutate(string word, Random random)
    {
        var chars = word.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(4))
            {
                case 0: chars.Insert(at, "abc-"[random.Next(4)]); break;
                case 1 when chars.Count > 0: chars.RemoveAt(at); break;
                case 2 when chars.Count > 0: chars[at] = "abc-"[random.Next(4)]; break;
                case 3 when at + 1 < chars.Count: (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]); break;
            }
        }
        return new string([.. chars]);
    }
}
