using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncAnalyzers.CodeFixes.Infrastructure
{
    /// <summary>The document being fixed: its original root and model, and the edits made so far.</summary>
    public sealed class DocumentFixEditor
    {
        private readonly SyntaxEditor _editor;

        internal DocumentFixEditor(Document document, SyntaxNode root, SemanticModel model)
        {
            Document = document;
            OriginalRoot = root;
            SemanticModel = model;
            _editor = new SyntaxEditor(root, document.Project.Solution.Services);
            Generator = _editor.Generator;
        }

        public Document Document { get; }

        public SyntaxNode OriginalRoot { get; }

        public SemanticModel SemanticModel { get; }

        public SyntaxGenerator Generator { get; }

        /// <summary>Replaces a node of the original tree; nested replacements compose (the callback sees the current node).</summary>
        public void ReplaceNode(SyntaxNode original, System.Func<SyntaxNode, SyntaxGenerator, SyntaxNode> computeReplacement)
            => _editor.ReplaceNode(original, computeReplacement);

        public void ReplaceNode(SyntaxNode original, SyntaxNode replacement)
            => _editor.ReplaceNode(original, replacement);

        internal SyntaxNode GetChangedRoot() => _editor.GetChangedRoot();
    }
}
