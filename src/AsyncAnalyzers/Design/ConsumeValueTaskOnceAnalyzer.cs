using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Semantics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC603: a ValueTask local or parameter consumed a second time on some path (await, AsTask, Result,
    /// GetAwaiter().GetResult(), ConfigureAwait, Preserve), or consumed only after another await ran since it was stored.
    /// The proof is <see cref="ValueTaskReuse"/>; ASYNC102 and ASYNC104 leave these sites to this rule. Reported on the
    /// consumption that is wrong, never on the first.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ConsumeValueTaskOnceAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: why the site is reported ("again" or "later").</summary>
        public const string KindProperty = "Kind";

        private static readonly ImmutableDictionary<string, string?> Again = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "again");
        private static readonly ImmutableDictionary<string, string?> Later = ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "later");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ConsumeValueTaskOnce);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationBlockStartAction(blockStart =>
                {
                    // The control-flow analysis runs only for blocks that consume a ValueTask variable at all: most blocks
                    // never do, and for them the rule costs one cheap test per await, Result and method call.
                    var candidate = false;
                    blockStart.RegisterOperationAction(c => candidate |= !candidate && ConsumesValueTaskVariable(c.Operation, known), OperationKind.Await, OperationKind.PropertyReference, OperationKind.Invocation);
                    blockStart.RegisterOperationBlockEndAction(c =>
                    {
                        if (!candidate || known.ValueTask is null)
                        {
                            return;
                        }

                        foreach (var block in c.OperationBlocks)
                        {
                            Analyze(c, block, known);
                        }
                    });
                });
            });
        }

        /// <summary><c>await v</c>, <c>v.Result</c>, <c>v.AsTask()</c>… on a local or parameter whose type is a ValueTask.</summary>
        private static bool ConsumesValueTaskVariable(IOperation operation, KnownSymbols known)
        {
            var variable = operation switch
            {
                IAwaitOperation await => OperationTree.Unwrap(await.Operation),
                IPropertyReferenceOperation { Instance: { } instance } => instance,
                IInvocationOperation { Instance: { } instance } => instance,
                _ => null,
            };
            while (variable is IParenthesizedOperation parenthesized)
            {
                variable = parenthesized.Operand;
            }

            return variable is ILocalReferenceOperation or IParameterReferenceOperation && known.IsValueTask(variable.Type);
        }

        private static void Analyze(OperationBlockAnalysisContext context, IOperation block, KnownSymbols known)
        {
            if (block is not (IMethodBodyOperation or IBlockOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
            {
                return;
            }

            var found = ValueTaskReuse.Find(block, context.OwningSymbol, () => context.GetControlFlowGraph(block), known);
            if (found is null)
            {
                return;
            }

            foreach (var pair in found)
            {
                var name = VariableName(pair.Key);
                var again = pair.Value == ValueTaskReuseKind.ConsumedAgain;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.ConsumeValueTaskOnce,
                    pair.Key.GetLocation(),
                    again ? Again : Later,
                    name,
                    again
                        ? "is consumed again here; a ValueTask may be consumed (awaited, AsTask(), Result) only once: store '.AsTask()' to use it twice"
                        : "is consumed only after another await; if that await throws it is never consumed: await it first, or store '.AsTask()'"));
            }
        }

        /// <summary>The variable's name as written at the site: the innermost identifier of the consuming expression.</summary>
        private static string VariableName(SyntaxNode site)
        {
            foreach (var node in site.DescendantNodesAndSelf())
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier)
                {
                    return identifier.Identifier.ValueText;
                }
            }

            return "value";
        }
    }
}
