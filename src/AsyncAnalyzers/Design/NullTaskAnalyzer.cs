using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC501: <c>return null</c> (or <c>default</c>, or a conditional with a null branch) from a method, local function or
    /// lambda that is not async and returns <c>Task</c> / <c>Task&lt;T&gt;</c>. Not reported: async functions (there null is
    /// the result, not the task), return types annotated nullable (<c>Task?</c>: the contract says so), ValueTask
    /// (<c>default</c> is a completed ValueTask).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NullTaskAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Which part of the returned value is null: <c>Value</c> (all of it), <c>WhenTrue</c> or <c>WhenFalse</c>.</summary>
        public const string NullPartProperty = "NullPart";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NullTask);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Return);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IReturnOperation { ReturnedValue: { } returned } operation || operation.Kind != OperationKind.Return)
            {
                return;
            }

            string part;
            var value = OperationTree.Unwrap(returned);
            if (IsNull(value))
            {
                part = "Value";
            }
            else if (value is IConditionalOperation { WhenFalse: { } whenFalse } conditional && (IsNull(OperationTree.Unwrap(conditional.WhenTrue)) ^ IsNull(OperationTree.Unwrap(whenFalse))))
            {
                part = IsNull(OperationTree.Unwrap(conditional.WhenTrue)) ? "WhenTrue" : "WhenFalse";
            }
            else
            {
                return;
            }

            var function = Semantics.AsyncContext.GetEnclosingFunction(operation, context.ContainingSymbol);
            if (function is null || function.IsAsync || function.ReturnNullableAnnotation == NullableAnnotation.Annotated
                || !known.IsTaskOrTaskOfT(function.ReturnType))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.NullTask,
                operation.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(NullPartProperty, part),
                function.MethodKind == MethodKind.AnonymousFunction ? "lambda" : function.Name,
                MessageText.Of(function.ReturnType)));
        }

        private static bool IsNull(IOperation value)
            => value.ConstantValue is { HasValue: true, Value: null } && value.Type is null or { IsReferenceType: true };
    }
}
