using System;
using System.Collections.Generic;
using AsyncAnalyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncAnalyzers.Semantics
{
    /// <summary>Why a consumption of a ValueTask variable is wrong (ASYNC603).</summary>
    internal enum ValueTaskReuseKind
    {
        /// <summary>An earlier consumption (await, AsTask, Result, GetAwaiter, ConfigureAwait, Preserve) can reach this one.</summary>
        ConsumedAgain,

        /// <summary>The value was stored and another await runs before this, its first consumption.</summary>
        AfterAnotherAwait,
    }

    /// <summary>
    /// ASYNC603's proof, shared with ASYNC102/ASYNC104 (which leave these sites to it): a ValueTask local or parameter
    /// consumed again on some path after a first consumption with no new value assigned in between, or consumed only
    /// after another await ran since it was assigned. Paths come from the control flow graph, so consumptions in
    /// exclusive branches never pair and a loop that consumes a value assigned outside it does. A variable that escapes —
    /// passed, returned, copied, captured by a lambda, taken by ref — is never judged: what happens to it is unknown.
    /// </summary>
    internal static class ValueTaskReuse
    {
        private const int Undefined = 0;
        private const int Defined = 1;
        private const int DefinedThenAwait = 2;
        private const int Consumed = 3;

        /// <summary>What a reference to a ValueTask variable does.</summary>
        private enum Use
        {
            Other,
            Consume,
            Write,
            Inspect,
        }

        /// <summary>
        /// Every wrong consumption in one operation block (a member body with its lambdas and local functions), by the syntax
        /// of the consuming expression. Null when the block has none. <paramref name="graph"/> is asked only for a variable
        /// whose findings a walk of the operation tree cannot rule out: consumed twice or in a loop, or consumed once after
        /// another await that may run after a store (see <see cref="AwaitMayFollowStore"/>).
        /// </summary>
        public static Dictionary<SyntaxNode, ValueTaskReuseKind>? Find(IOperation block, ISymbol owner, Func<ControlFlowGraph?> graph, KnownSymbols known)
        {
            Dictionary<ISymbol, Candidate>? candidates = null;
            List<IAwaitOperation>? awaits = null;
            HashSet<ISymbol>? irregular = null;
            foreach (var operation in block.DescendantsAndSelf())
            {
                ISymbol? variable;
                switch (operation)
                {
                    case IAwaitOperation await:
                        // Awaits of ValueTask variables too: "await first; await second;" leaves 'second' unconsumed when the
                        // first throws (see CountsAsAnotherAwait). A variable's own await never counts.
                        (awaits ??= new List<IAwaitOperation>()).Add(await);
                        continue;
                    case ILoopOperation:
                    case IBranchOperation { BranchKind: BranchKind.GoTo }:
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        // Control that runs code again or awaits without an await operation in the tree: only the graph knows.
                        (irregular ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(EnclosingFunction(operation, owner));
                        continue;
                    case IVariableDeclaratorOperation { Initializer: not null } declarator:
                        if (known.IsValueTask(declarator.Symbol.Type))
                        {
                            CandidateFor(ref candidates, declarator.Symbol).Stored(declarator.Syntax.SpanStart);
                        }

                        continue;
                    case ILocalReferenceOperation local:
                        variable = local.Local;
                        break;
                    case IParameterReferenceOperation parameter:
                        variable = parameter.Parameter;
                        break;
                    default:
                        continue;
                }

                if (!known.IsValueTask(operation.Type))
                {
                    continue;
                }

                var candidate = CandidateFor(ref candidates, variable);
                var use = Classify(operation, known, out _);
                if (use == Use.Other || !SymbolEqualityComparer.Default.Equals(EnclosingFunction(operation, owner), variable.ContainingSymbol))
                {
                    candidate.Escapes = true;
                }
                else if (use == Use.Consume)
                {
                    candidate.Consumptions++;
                    candidate.ConsumedAt = operation.Syntax.SpanStart;
                    candidate.InLoop |= IsInLoop(operation);
                }
                else if (use == Use.Write)
                {
                    candidate.Stored(operation.Syntax.SpanStart);
                }
            }

            if (candidates is null)
            {
                return null;
            }

            Dictionary<SyntaxNode, ValueTaskReuseKind>? found = null;
            ControlFlowGraph? root = null;
            foreach (var pair in candidates)
            {
                var candidate = pair.Value;
                var function = pair.Key.ContainingSymbol;
                if (candidate.Escapes || candidate.Consumptions == 0
                    || (candidate.Consumptions == 1 && !candidate.InLoop && !AwaitMayFollowStore(pair.Key, candidate, function, owner, awaits, irregular, candidates, known)))
                {
                    continue;
                }

                root ??= graph();
                if (root is null || FunctionGraph(root, function, owner) is not { } functionGraph)
                {
                    continue;
                }

                Walk(functionGraph, pair.Key, known, ref found);
            }

            return found;
        }

        /// <summary>
        /// For a variable consumed once, outside loops: whether another await may run between a store and the consumption.
        /// Without loops, <c>goto</c> and <c>await using</c> in the function, code runs in the order it is written (C#
        /// evaluates operands left to right; a <c>finally</c> or <c>catch</c> runs after the code written before it), so no
        /// await that ends after the consumption starts, or before the first store, can come between them. Anything else is
        /// left to the control flow graph; the answer "no" is exact, "yes" only means the graph is asked.
        /// </summary>
        private static bool AwaitMayFollowStore(ISymbol variable, Candidate candidate, ISymbol function, ISymbol owner, List<IAwaitOperation>? awaits, HashSet<ISymbol>? irregular, Dictionary<ISymbol, Candidate> candidates, KnownSymbols known)
        {
            if (awaits is null)
            {
                return false;
            }

            if ((irregular != null && irregular.Contains(function)) || (candidate.FirstStore < 0 && variable is not IParameterSymbol))
            {
                // Loops and goto run code again, await using awaits without an await operation, and a local stored in a way
                // the walk does not see (a pattern) starts anywhere: any other await in the function sends it to the graph.
                foreach (var await in awaits)
                {
                    if (CountsAsAnotherAwait(await, variable, candidates, known) && SymbolEqualityComparer.Default.Equals(EnclosingFunction(await, owner), function))
                    {
                        return true;
                    }
                }

                return false;
            }

            // A parameter is stored on entry.
            var stored = variable is IParameterSymbol ? int.MinValue : candidate.FirstStore;
            foreach (var await in awaits)
            {
                var end = await.Syntax.Span.End;
                if (end > stored && end <= candidate.ConsumedAt && CountsAsAnotherAwait(await, variable, candidates, known) && SymbolEqualityComparer.Default.Equals(EnclosingFunction(await, owner), function))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Whether an await tells a stored ValueTask <paramref name="variable"/> that something else ran first: not its own
        /// await, and an await of another ValueTask variable only when that one is not copied or passed anywhere (after
        /// <c>var copy = value;</c>, awaiting one and then the other is a second consumption of one value, which this walk
        /// cannot see, not "another await").
        /// </summary>
        private static bool CountsAsAnotherAwait(IAwaitOperation await, ISymbol variable, Dictionary<ISymbol, Candidate> candidates, KnownSymbols known)
        {
            var operand = OperationTree.Unwrap(await.Operation);
            ISymbol? awaited = operand switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            return awaited is null || !known.IsValueTask(operand.Type)
                || (!SymbolEqualityComparer.Default.Equals(awaited, variable) && candidates.TryGetValue(awaited, out var other) && !other.Escapes);
        }

        private static Candidate CandidateFor(ref Dictionary<ISymbol, Candidate>? candidates, ISymbol variable)
        {
            candidates ??= new Dictionary<ISymbol, Candidate>(SymbolEqualityComparer.Default);
            if (!candidates.TryGetValue(variable, out var candidate))
            {
                candidate = new Candidate();
                candidates.Add(variable, candidate);
            }

            return candidate;
        }

        /// <summary>Whether the site (a blocking call's task) is a consumption ASYNC603 reports.</summary>
        public static bool IsReported(IOperation task, ISymbol owner, Func<ControlFlowGraph?> graph, KnownSymbols known)
        {
            if (!IsVariableOfValueTask(task, known) || Consumer(task, known) is not { } consumer)
            {
                return false;
            }

            var block = task;
            while (block.Parent != null)
            {
                block = block.Parent;
            }

            var found = Find(block, owner, graph, known);
            return found != null && found.ContainsKey(ReportedSyntax(consumer));
        }

        /// <summary>
        /// The syntax a diagnostic covers: the whole <c>await vt.ConfigureAwait(false)</c> and
        /// <c>vt.GetAwaiter().GetResult()</c>, otherwise the consuming expression itself.
        /// </summary>
        public static SyntaxNode ReportedSyntax(IOperation consumer)
        {
            var node = consumer;
            if (node is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
            {
                if (node.Parent is IAwaitOperation await)
                {
                    return await.Syntax;
                }

                if (node.Parent is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter)
                {
                    node = getAwaiter;
                }
            }

            if (node is IInvocationOperation { TargetMethod.Name: "GetAwaiter" } && node.Parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult)
            {
                node = getResult;
            }

            return node.Syntax;
        }

        private static bool IsVariableOfValueTask(IOperation operation, KnownSymbols known)
            => operation is ILocalReferenceOperation or IParameterReferenceOperation && known.IsValueTask(operation.Type);

        /// <summary>The operation that consumes the variable read by <paramref name="reference"/>, if that read consumes it.</summary>
        private static IOperation? Consumer(IOperation reference, KnownSymbols known)
            => Classify(reference, known, out var consumer) == Use.Consume ? consumer : null;

        private static Use Classify(IOperation reference, KnownSymbols known, out IOperation? consumer)
        {
            consumer = null;
            var child = reference;
            var parent = reference.Parent;
            while (parent is IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IAwaitOperation:
                    consumer = parent;
                    return Use.Consume;
                case IInvocationOperation invocation when invocation.Instance == child && known.IsValueTask(invocation.TargetMethod.ContainingType):
                    switch (invocation.TargetMethod.Name)
                    {
                        case "AsTask":
                        case "Preserve":
                        case "ConfigureAwait":
                        case "GetAwaiter":
                            consumer = invocation;
                            return Use.Consume;
                    }

                    return Use.Other;
                case IPropertyReferenceOperation property when property.Instance == child:
                    switch (property.Property.Name)
                    {
                        case "Result":
                            consumer = property;
                            return Use.Consume;
                        case "IsCompleted":
                        case "IsCompletedSuccessfully":
                        case "IsFaulted":
                        case "IsCanceled":
                            return Use.Inspect;
                    }

                    return Use.Other;
                case ISimpleAssignmentOperation assignment when assignment.Target == child:
                    return Use.Write;
                default:
                    return Use.Other;
            }
        }

        private static ISymbol EnclosingFunction(IOperation operation, ISymbol owner)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case IAnonymousFunctionOperation lambda:
                        return lambda.Symbol;
                    case ILocalFunctionOperation localFunction:
                        return localFunction.Symbol;
                }
            }

            return owner;
        }

        private static bool IsInLoop(IOperation operation)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case ILoopOperation:
                        return true;
                    case IAnonymousFunctionOperation:
                    case ILocalFunctionOperation:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The graph of <paramref name="function"/>: the member's own, or a lambda's or local function's nested in it.</summary>
        private static ControlFlowGraph? FunctionGraph(ControlFlowGraph graph, ISymbol function, ISymbol owner)
        {
            if (SymbolEqualityComparer.Default.Equals(function, owner))
            {
                return graph;
            }

            foreach (var localFunction in graph.LocalFunctions)
            {
                var nested = graph.GetLocalFunctionControlFlowGraph(localFunction);
                if (FunctionGraph(nested, function, localFunction) is { } found)
                {
                    return found;
                }
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in block.Operations)
                {
                    if (FindInLambdas(graph, operation, function) is { } found)
                    {
                        return found;
                    }
                }

                if (block.BranchValue != null && FindInLambdas(graph, block.BranchValue, function) is { } inBranch)
                {
                    return inBranch;
                }
            }

            return null;
        }

        private static ControlFlowGraph? FindInLambdas(ControlFlowGraph graph, IOperation operation, ISymbol function)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IFlowAnonymousFunctionOperation lambda)
                {
                    var nested = graph.GetAnonymousFunctionControlFlowGraph(lambda);
                    if (FunctionGraph(nested, function, lambda.Symbol) is { } found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        /// <summary>Paths through the function's graph, tracking one variable: assigned, assigned then another await, consumed.</summary>
        private static void Walk(ControlFlowGraph graph, ISymbol variable, KnownSymbols known, ref Dictionary<SyntaxNode, ValueTaskReuseKind>? found)
        {
            var blocks = graph.Blocks;
            var seen = new bool[blocks.Length * 4];
            // Pending (block, state) pairs, encoded as block * 4 + state: a list of int is precompiled in the framework, a
            // stack of a tuple would be compiled by the JIT in every cold compiler process.
            var pending = new List<int>();
            pending.Add(variable is IParameterSymbol ? Defined : Undefined);
            var events = new List<IOperation>();
            while (pending.Count > 0)
            {
                var entry = pending[pending.Count - 1];
                pending.RemoveAt(pending.Count - 1);
                var ordinal = entry / 4;
                var state = entry % 4;
                if (seen[entry])
                {
                    continue;
                }

                seen[entry] = true;
                var block = blocks[ordinal];
                events.Clear();
                foreach (var operation in block.Operations)
                {
                    CollectEvents(operation, events);
                }

                if (block.BranchValue != null)
                {
                    CollectEvents(block.BranchValue, events);
                }

                foreach (var operation in events)
                {
                    state = Step(operation, state, variable, known, ref found);
                }

                Follow(block.FallThroughSuccessor, state, pending);
                Follow(block.ConditionalSuccessor, state, pending);
            }
        }

        private static void Follow(ControlFlowBranch? branch, int state, List<int> pending)
        {
            if (branch is null)
            {
                return;
            }

            if (branch.Destination != null)
            {
                pending.Add((branch.Destination.Ordinal * 4) + state);
            }

            // A branch out of a try runs the finally first: its blocks see the state too.
            foreach (var region in branch.FinallyRegions)
            {
                pending.Add((region.FirstBlockOrdinal * 4) + state);
            }
        }

        /// <summary>Awaits, variable references and assignments in evaluation order (operands before the operation).</summary>
        private static void CollectEvents(IOperation operation, List<IOperation> events)
        {
            if (operation is IFlowAnonymousFunctionOperation)
            {
                return;
            }

            foreach (var child in operation.ChildOperations)
            {
                CollectEvents(child, events);
            }

            if (operation is IAwaitOperation or ILocalReferenceOperation or IParameterReferenceOperation or ISimpleAssignmentOperation)
            {
                events.Add(operation);
            }
        }

        private static int Step(IOperation operation, int state, ISymbol variable, KnownSymbols known, ref Dictionary<SyntaxNode, ValueTaskReuseKind>? found)
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation assignment:
                    return OperationTree.IsReferenceTo(assignment.Target, variable) ? Defined : state;
                case IAwaitOperation await:
                    return state == Defined && !OperationTree.IsReferenceTo(OperationTree.Unwrap(await.Operation), variable) ? DefinedThenAwait : state;
            }

            if (!OperationTree.IsReferenceTo(operation, variable) || Consumer(operation, known) is not { } consumer)
            {
                return state;
            }

            if (state is Consumed or DefinedThenAwait)
            {
                var syntax = ReportedSyntax(consumer);
                var kind = state == Consumed ? ValueTaskReuseKind.ConsumedAgain : ValueTaskReuseKind.AfterAnotherAwait;
                found ??= new Dictionary<SyntaxNode, ValueTaskReuseKind>();

                // Reached both ways: "consumed again" is the stronger finding.
                if (!found.TryGetValue(syntax, out var earlier) || (earlier == ValueTaskReuseKind.AfterAnotherAwait && kind == ValueTaskReuseKind.ConsumedAgain))
                {
                    found[syntax] = kind;
                }
            }

            return Consumed;
        }

        /// <summary>What the walk of the operation tree saw of one variable (a class: a dictionary of a struct of ours would
        /// be compiled afresh by the JIT in every cold compiler process).</summary>
        private sealed class Candidate
        {
            public int Consumptions;
            public bool InLoop;
            public bool Escapes;

            /// <summary>Where the single consumption starts (the variable's reference).</summary>
            public int ConsumedAt;

            /// <summary>Where the earliest store seen starts (a declaration with a value, an assignment); -1 when none was seen.</summary>
            public int FirstStore = -1;

            public void Stored(int position)
            {
                if (FirstStore < 0 || position < FirstStore)
                {
                    FirstStore = position;
                }
            }
        }
    }
}
