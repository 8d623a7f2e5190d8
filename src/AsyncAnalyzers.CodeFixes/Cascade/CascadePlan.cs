using System.Collections.Generic;
using AsyncAnalyzers.CodeFixes.Rewriting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncAnalyzers.CodeFixes.Cascade
{
    /// <summary>How a function declaration changes in a cascade.</summary>
    internal enum FunctionChangeKind
    {
        /// <summary><c>void</c>/<c>T</c> → <c>Task</c>/<c>Task&lt;T&gt;</c> (or ValueTask); <c>async</c> when the body awaits, else returns are wrapped.</summary>
        Signature,

        /// <summary>Already returns a task but blocks inside: add <c>async</c> and rewrite its returns (<see cref="MakeAsync"/>); callers unchanged.</summary>
        TaskReturning,
    }

    /// <summary>One function declaration (method, partial part, local function, lambda) the cascade changes.</summary>
    internal sealed class FunctionChange
    {
        public FunctionChange(FunctionChangeKind kind, bool useValueTask, string? newName, bool endIsReachable)
        {
            Kind = kind;
            UseValueTask = useValueTask;
            NewName = newName;
            EndIsReachable = endIsReachable;
        }

        public FunctionChangeKind Kind { get; }

        public bool UseValueTask { get; }

        /// <summary>The <c>…Async</c> name when the rename option is on; null to keep the name.</summary>
        public string? NewName { get; }

        /// <summary>For a void block body converted without <c>async</c>: whether a final <c>return Task.CompletedTask;</c> is needed.</summary>
        public bool EndIsReachable { get; }

        /// <summary>Set when an await is registered in the function's own body (it then gets <c>async</c>).</summary>
        public bool HasAwait { get; set; }

        /// <summary>Set when a partial method part without an accessibility modifier needs <c>private</c> to return a task.</summary>
        public bool AddPrivate { get; set; }
    }

    /// <summary>The edits of one document, all on nodes of its original tree.</summary>
    internal sealed class DocumentCascadeEdits
    {
        public Dictionary<SyntaxNode, FunctionChange> Functions { get; } = new Dictionary<SyntaxNode, FunctionChange>();

        /// <summary>Blocking calls (<c>.Result</c>, <c>.Wait()</c>, …) that become awaits.</summary>
        public HashSet<ExpressionSyntax> BlockingToAwait { get; } = new HashSet<ExpressionSyntax>();

        /// <summary>Unobserved task expressions (ASYNC201 seeds) that become awaited.</summary>
        public HashSet<ExpressionSyntax> TasksToAwait { get; } = new HashSet<ExpressionSyntax>();

        /// <summary>Other unobserved task statements of converted functions: made explicit (<c>_ =</c>) so the compiler's CS4014 does not appear.</summary>
        public HashSet<ExpressionSyntax> TasksToDiscard { get; } = new HashSet<ExpressionSyntax>();

        /// <summary>Calls of converted methods in (now) async code: <c>await M()</c>.</summary>
        public HashSet<InvocationExpressionSyntax> CallsToAwait { get; } = new HashSet<InvocationExpressionSyntax>();

        /// <summary>Calls of converted methods at a boundary: <c>M().GetAwaiter().GetResult()</c> (ASYNC104 stays visible there).</summary>
        public HashSet<InvocationExpressionSyntax> CallsToBlock { get; } = new HashSet<InvocationExpressionSyntax>();

        /// <summary>References (simple names) of renamed methods.</summary>
        public Dictionary<SimpleNameSyntax, string> Renames { get; } = new Dictionary<SimpleNameSyntax, string>();
    }

    /// <summary>What a cascade changes across the solution.</summary>
    internal sealed class CascadePlan
    {
        public CascadePlan(Solution solution) => Solution = solution;

        public Solution Solution { get; }

        public Dictionary<DocumentId, DocumentCascadeEdits> Documents { get; } = new Dictionary<DocumentId, DocumentCascadeEdits>();

        /// <summary>The functions whose declaration changes (a partial method counts once).</summary>
        public int ChangedFunctionCount => ChangedMethods.Count + ChangedTaskReturningFunctions.Count;

        /// <summary>Methods and local functions whose signature changes (a partial method by its definition part).</summary>
        public HashSet<ISymbol> ChangedMethods { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>Task-returning functions (methods, local functions, lambdas) that only become async.</summary>
        public HashSet<SyntaxNode> ChangedTaskReturningFunctions { get; } = new HashSet<SyntaxNode>();

        /// <summary>Call sites left blocking at a boundary.</summary>
        public int BoundaryCalls { get; set; }

        /// <summary>Boundary calls of methods converted only for a dropped task (ASYNC201), left as calls that drop the task, as before.</summary>
        public int DroppedAtBoundary { get; set; }

        public DocumentCascadeEdits For(DocumentId id)
        {
            if (!Documents.TryGetValue(id, out var edits))
            {
                edits = new DocumentCascadeEdits();
                Documents[id] = edits;
            }

            return edits;
        }
    }
}
