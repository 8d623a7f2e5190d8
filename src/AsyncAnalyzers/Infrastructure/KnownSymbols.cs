using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncAnalyzers.Infrastructure
{
    /// <summary>
    /// The framework symbols the rules compare against, looked up once per compilation and shared by every
    /// analyzer and code fix of the package. A symbol is null when the compilation's references lack it
    /// (netstandard1.x, net35 …): rules bail out early in that case.
    /// </summary>
    internal sealed class KnownSymbols
    {
        private static readonly ConditionalWeakTable<Compilation, KnownSymbols> Cache = new ConditionalWeakTable<Compilation, KnownSymbols>();

        private KnownSymbols(Compilation compilation)
        {
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
            ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
            ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
            CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
            CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
        }

        public static KnownSymbols Get(Compilation compilation)
            => Cache.GetValue(compilation, static c => new KnownSymbols(c));

        public INamedTypeSymbol? Thread { get; }

        public INamedTypeSymbol? Task { get; }

        public INamedTypeSymbol? TaskOfT { get; }

        public INamedTypeSymbol? ValueTask { get; }

        public INamedTypeSymbol? ValueTaskOfT { get; }

        public INamedTypeSymbol? CancellationToken { get; }

        public INamedTypeSymbol? CancellationTokenSource { get; }
    }
}
