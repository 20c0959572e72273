using CsCheck;

namespace VpcPeering.Tests.Properties;

/// <summary>
/// Runs a property over values drawn from a CsCheck generator with fixed seeds, so every run sees the same
/// cases (CsCheck's Sample seeds only its first iteration). A failure names the case's seed to replay it.
/// </summary>
internal static class Deterministic
{
    private const ulong Seed = 20261126;

    public static void ForAll<T>(Gen<T> gen, int cases, Action<T> property)
    {
        for (var i = 0; i < cases; i++)
        {
            var value = gen.Generate(new PCG((uint)i, Seed), null, out _);
            try
            {
                property(value);
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Property failed for case {i} (PCG stream {i}, seed {Seed}): {ex.Message}", ex);
            }
        }
    }
}
