using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Cancellation
{
    /// <summary>
    /// ASYNC301: an async iterator (<c>async IAsyncEnumerable&lt;T&gt;</c> / <c>IAsyncEnumerator&lt;T&gt;</c>) with no CancellationToken
    /// parameter; overrides and interface implementations (fixed signatures) are not reported, and methods that have a token
    /// parameter without [EnumeratorCancellation] are the compiler's CS8425.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class AsyncIteratorCancellationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AsyncIteratorWithoutCancellation);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                // Symbols are looked up in the first callback, not here: a lookup at compilation start is billed the
                // compiler's reference binding (about 0.2 s on net10.0, see docs/performance.md), which a callback finds done.
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterSymbolAction(c =>
                {
                    if (c.Symbol is not IMethodSymbol { IsAsync: true } || known.IAsyncEnumerableOfT is null || known.CancellationToken is null)
                    {
                        return;
                    }

                    Analyze(c.Symbol as IMethodSymbol, known, c.ReportDiagnostic);
                }, SymbolKind.Method);
                start.RegisterOperationAction(c =>
                {
                    if (c.Operation is not ILocalFunctionOperation { Symbol.IsAsync: true } || known.IAsyncEnumerableOfT is null || known.CancellationToken is null)
                    {
                        return;
                    }

                    Analyze((c.Operation as ILocalFunctionOperation)?.Symbol, known, c.ReportDiagnostic);
                }, OperationKind.LocalFunction);
            });
        }

        private static void Analyze(IMethodSymbol? method, KnownSymbols known, System.Action<Diagnostic> report)
        {
            if (method is not { IsAsync: true } || method.Locations.Length == 0 || !method.Locations[0].IsInSource
                || method.ReturnType is not INamedTypeSymbol returnType
                || !(KnownSymbols.Is(returnType.OriginalDefinition, known.IAsyncEnumerableOfT) || KnownSymbols.Is(returnType.OriginalDefinition, known.IAsyncEnumeratorOfT)))
            {
                return;
            }

            foreach (var parameter in method.Parameters)
            {
                if (KnownSymbols.Is(parameter.Type, known.CancellationToken))
                {
                    return;
                }
            }

            if (method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty || InterfaceImplementations.ImplementsInterfaceMember(method))
            {
                return;
            }

            report(Diagnostic.Create(Descriptors.AsyncIteratorWithoutCancellation, method.Locations[0], method.Name));
        }
    }
}
