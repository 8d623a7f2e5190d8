using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>The reference assemblies a test compilation is built against (no download at test time).</summary>
    public enum ReferenceSet
    {
        /// <summary>net8.0: the default.</summary>
        Net80,

        /// <summary>netstandard2.0: no ValueTask, no IAsyncEnumerable, no Parallel.ForEachAsync …</summary>
        NetStandard20,

        /// <summary>.NET Framework 4.7.2.</summary>
        Net472,
    }

    internal static class ReferenceSets
    {
        private static readonly Dictionary<ReferenceSet, ImmutableArray<MetadataReference>> Cache = new();

        public static ImmutableArray<MetadataReference> Get(ReferenceSet set)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(set, out var references))
                {
                    IEnumerable<PortableExecutableReference> source = set switch
                    {
                        ReferenceSet.NetStandard20 => Basic.Reference.Assemblies.NetStandard20.References.All,
                        ReferenceSet.Net472 => Basic.Reference.Assemblies.Net472.References.All,
                        _ => Basic.Reference.Assemblies.Net80.References.All,
                    };
                    references = ImmutableArray.CreateRange<MetadataReference>(source);
                    Cache[set] = references;
                }

                return references;
            }
        }
    }
}
