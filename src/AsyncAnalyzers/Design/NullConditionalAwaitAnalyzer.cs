using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC503: <c>await x?.M()</c> (or <c>await x?.Task</c>) whose value is a <c>Task</c> / <c>Task&lt;T&gt;</c>: when
    /// <c>x</c> is null the await throws NullReferenceException. (A <c>ValueTask</c> behind <c>?.</c> does not compile
    /// with await; a dropped <c>x?.M();</c> is ASYNC201's.)
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NullConditionalAwaitAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NullConditionalAwait);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Await);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IAwaitOperation await
                || OperationTree.Unwrap(await.Operation) is not IConditionalAccessOperation access
                || !known.IsTaskOrTaskOfT(access.Type))
            {
                return;
            }

            var receiver = access.Operation.Syntax.ToString();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NullConditionalAwait,
                await.Syntax.GetLocation(),
                access.Syntax.ToString().Length <= 60 ? access.Syntax.ToString() : receiver + "?…",
                receiver.Length <= 40 ? receiver : "the receiver"));
        }
    }
}
