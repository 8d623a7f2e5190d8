using System;
using System.Collections.Immutable;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Design
{
    /// <summary>
    /// ASYNC506 (off by default): a <c>foreach</c> whose body is exactly one awaited call per item — <c>await F(item);</c>, or
    /// <c>results.Add(await F(item));</c> into a local list — where the call uses the item and nothing an earlier iteration
    /// produced. Reported only where running the calls at once is plausibly safe: the call is static, made on the item
    /// itself, or on an HttpClient (documented thread-safe); a call on any other shared instance (a DbContext, a stream, a
    /// writer, a repository) is left alone, since whether it tolerates concurrency is unknowable here. Calls named
    /// Write…/Append…/Flush… (order-bearing) and Dispose…/Close…/Stop…/Cancel… (teardown) are never reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SequentialAwaitsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary><c>Each</c> (<c>await F(item);</c>) or <c>Collect</c> (<c>list.Add(await F(item));</c>).</summary>
        public const string ShapeProperty = "Shape";

        /// <summary>Set when the loop's source has a small size written in the code (an array or collection written out).</summary>
        public const string SmallSourceProperty = "SmallSource";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SequentialAwaits);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(static start =>
            {
                var known = KnownSymbols.Get(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, known), OperationKind.Loop);
            });
        }

        private static void Analyze(OperationAnalysisContext context, KnownSymbols known)
        {
            if (context.Operation is not IForEachLoopOperation { IsAsynchronous: false, Syntax: ForEachStatementSyntax syntax } loop
                || SingleStatement(loop.Body) is not IExpressionStatementOperation { Operation: var expression })
            {
                return;
            }

            string shape;
            IAwaitOperation? awaited;
            if (expression is IAwaitOperation direct)
            {
                shape = "Each";
                awaited = direct;
            }
            else if (expression is IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation list, Arguments.Length: 1 } add
                     && KnownSymbols.Is(list.Type?.OriginalDefinition, known.ListOfT)
                     && OperationTree.Unwrap(add.Arguments[0].Value) is IAwaitOperation collected)
            {
                shape = "Collect";
                awaited = collected;
            }
            else
            {
                return;
            }

            var call = OperationTree.Unwrap(awaited.Operation);
            if (call is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                call = OperationTree.Unwrap(configured);
            }

            if (call is not IInvocationOperation invocation || loop.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { } item }
                || !(known.IsTaskOrTaskOfT(invocation.Type) || known.IsValueTask(invocation.Type))
                || IsOrderBearing(invocation.TargetMethod.Name)
                || !IsIndependent(invocation, item)
                || !IsSafeReceiver(invocation, item, known))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(ShapeProperty, shape);
            if (BoundFanOutAnalyzer.IsSmallKnownSize(OperationTree.Unwrap(loop.Collection)))
            {
                properties = properties.Add(SmallSourceProperty, "true");
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SequentialAwaits, syntax.ForEachKeyword.GetLocation(), properties, invocation.TargetMethod.Name));
        }

        private static IOperation? SingleStatement(IOperation body)
            => body is IBlockOperation block ? (block.Operations.Length == 1 ? block.Operations[0] : null) : body;

        /// <summary>Writes (order is the point) and teardown (disposal order often matters, and running it at once gains nothing).</summary>
        private static bool IsOrderBearing(string name)
        {
            foreach (var prefix in OrderBearingPrefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] OrderBearingPrefixes = { "Write", "Append", "Flush", "Dispose", "Close", "Stop", "Cancel" };

        /// <summary>The call uses the item, awaits nothing else, and writes nothing (no assignment, ref/out argument, increment).</summary>
        private static bool IsIndependent(IInvocationOperation invocation, ILocalSymbol item)
        {
            var usesItem = false;
            foreach (var operation in invocation.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IAwaitOperation or IAssignmentOperation or IIncrementOrDecrementOperation:
                        return false;
                    case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In }:
                        return false;
                    case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, item):
                        usesItem = true;
                        break;
                }
            }

            return usesItem;
        }

        /// <summary>A static call, a call on (something reached from) the item, or on an HttpClient.</summary>
        private static bool IsSafeReceiver(IInvocationOperation invocation, ILocalSymbol item, KnownSymbols known)
        {
            var receiver = invocation.TargetMethod.IsExtensionMethod && invocation.Instance is null && !invocation.Arguments.IsEmpty
                ? invocation.Arguments[0].Value
                : invocation.Instance;
            if (receiver is null)
            {
                return true;
            }

            if (known.HttpClient is { } httpClient && receiver.Type is { } type && KnownSymbols.IsOrDerivesFrom(type, httpClient))
            {
                return true;
            }

            foreach (var operation in receiver.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, item))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
