using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>
    /// The reference assemblies a test compilation is built against. They come from Basic.Reference.Assemblies
    /// (restored with the test project), never from a package download at test time, which is what the official
    /// harness's own <c>ReferenceAssemblies.Net.*</c> values would do.
    /// </summary>
    public enum ReferenceSet
    {
        /// <summary>net10.0: what <c>dotnet new</c> targets on the .NET 10 SDK. First in the matrix.</summary>
        Net100,

        /// <summary>net8.0: the oldest .NET still in support. Second in the matrix.</summary>
        Net80,

        /// <summary>netstandard2.0: no ValueTask, no IAsyncEnumerable, no Parallel.ForEachAsync …</summary>
        NetStandard20,

        /// <summary>.NET Framework 4.7.2.</summary>
        Net472,
    }

    public static class ReferenceSets
    {
        /// <summary>What a test runs on when it names no reference set: every case on both, net10.0 first.</summary>
        public static ImmutableArray<ReferenceSet> Matrix { get; } = ImmutableArray.Create(ReferenceSet.Net100, ReferenceSet.Net80);

        private static readonly Dictionary<ReferenceSet, ImmutableArray<MetadataReference>> Cache = new();

        // One instance per set: the official harness caches what it resolves per instance. These name a framework
        // and no package, so resolving them downloads nothing; the metadata references are added by the adapter.
        private static readonly Dictionary<ReferenceSet, ReferenceAssemblies> Official = new()
        {
            [ReferenceSet.Net100] = new ReferenceAssemblies("net10.0"),
            [ReferenceSet.Net80] = new ReferenceAssemblies("net8.0"),
            [ReferenceSet.NetStandard20] = new ReferenceAssemblies("netstandard2.0"),
            [ReferenceSet.Net472] = new ReferenceAssemblies("net472"),
        };

        public static string Name(ReferenceSet set) => Official[set].TargetFramework;

        internal static ReferenceAssemblies ForHarness(ReferenceSet set) => Official[set];

        public static ImmutableArray<MetadataReference> Get(ReferenceSet set)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(set, out var references))
                {
                    IEnumerable<PortableExecutableReference> source = set switch
                    {
                        ReferenceSet.Net100 => Basic.Reference.Assemblies.Net100.References.All,
                        ReferenceSet.Net80 => Basic.Reference.Assemblies.Net80.References.All,
                        ReferenceSet.NetStandard20 => Basic.Reference.Assemblies.NetStandard20.References.All,
                        ReferenceSet.Net472 => Basic.Reference.Assemblies.Net472.References.All,
                        _ => throw new ArgumentOutOfRangeException(nameof(set)),
                    };
                    references = ImmutableArray.CreateRange<MetadataReference>(source);
                    Cache[set] = references;
                }

                return references;
            }
        }
    }
}
