using System.Collections.Concurrent;
using System.Collections.Generic;
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

                // No per-block registration (operation actions registered by a block-start action for every block make the
                // compiler run block-scoped actions for each method body: 0.19 s on Octokit for a rule that reports nothing
                // there, when this rule's block-scoped actions did real work; ASYNC106 also registers per method, but its
                // action stops at a cached "not an iterator" and is billed under 1 ms there). One cheap test per await, Result
                // and method call: an operation whose receiver chain reaches a ValueTask variable has its block analysed
                // (once, cached by the block's syntax) and reports the finding at its own syntax, so every diagnostic is
                // reported by the callback of the operation it covers.
                var blocks = new ConcurrentDictionary<SyntaxNode, Dictionary<SyntaxNode, ValueTaskReuseKind>?>();
                start.RegisterOperationAction(
                    c =>
                    {
                        if (!ReachesValueTaskVariable(c.Operation, known) || known.ValueTask is null)
                        {
                            return;
                        }

                        var root = c.Operation;
                        while (root.Parent != null)
                        {
                            root = root.Parent;
                        }

                        if (root is not (IMethodBodyOperation or IBlockOperation or IConstructorBodyOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
                        {
                            return;
                        }

                        var found = blocks.GetOrAdd(root.Syntax, _ => ValueTaskReuse.Find(root, c.ContainingSymbol, c.GetControlFlowGraph, known));
                        if (found != null && found.TryGetValue(c.Operation.Syntax, out var kind))
                        {
                            Report(c, c.Operation.Syntax, kind);
                        }
                    },
                    OperationKind.Await,
                    OperationKind.PropertyReference,
                    OperationKind.Invocation);
            });
        }

        /// <summary>
        /// <c>await v</c>, <c>v.Result</c>, <c>v.AsTask()</c>, <c>await v.ConfigureAwait(false)</c>,
        /// <c>v.GetAwaiter().GetResult()</c>…: the operation's receiver chain (awaited operand, instance) reaches a local or
        /// parameter whose type is a ValueTask within a few steps. Every site <see cref="ValueTaskReuse"/> reports passes.
        /// </summary>
        private static bool ReachesValueTaskVariable(IOperation operation, KnownSymbols known)
        {
            var current = operation;
            for (var depth = 0; depth < 4; depth++)
            {
                var next = current switch
                {
                    IAwaitOperation await => await.Operation,
                    IPropertyReferenceOperation property => property.Instance,
                    IInvocationOperation invocation => invocation.Instance,
                    _ => null,
                };
                if (next is null)
                {
                    return false;
                }

                current = OperationTree.Unwrap(next);
                if (current is ILocalReferenceOperation or IParameterReferenceOperation)
                {
                    return known.IsValueTask(current.Type);
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode site, ValueTaskReuseKind kind)
        {
            var name = VariableName(site);
            var again = kind == ValueTaskReuseKind.ConsumedAgain;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.ConsumeValueTaskOnce,
                site.GetLocation(),
                again ? Again : Later,
                name,
                again
                    ? "is consumed again here; a ValueTask may be consumed (awaited, AsTask(), Result) only once: store '.AsTask()' to use it twice"
                    : "is consumed only after another await; if that await throws it is never consumed: await it first, or store '.AsTask()'"));
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
