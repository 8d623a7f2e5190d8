using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

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

        public void InsertAfter(SyntaxNode original, IEnumerable<SyntaxNode> nodes)
            => _editor.InsertAfter(original, nodes);

        public void RemoveNode(SyntaxNode original)
            => _editor.RemoveNode(original, SyntaxRemoveOptions.KeepExteriorTrivia);

        /// <summary>Namespaces the edits need a using directive for (added once per document).</summary>
        internal SortedSet<string> RequiredImports { get; } = new SortedSet<string>(System.StringComparer.Ordinal);

        /// <summary>
        /// A name for <paramref name="type"/> that binds at <paramref name="position"/>: the simple name when it
        /// already binds there or when a using directive for its namespace can be added without a clash (the
        /// directive is then recorded in <see cref="RequiredImports"/>), else the global:: qualified name.
        /// </summary>
        public ExpressionSyntax TypeName(INamedTypeSymbol type, int position)
        {
            var visible = SemanticModel.LookupNamespacesAndTypes(position, name: type.Name);
            var clash = false;
            foreach (var symbol in visible)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition, type.OriginalDefinition))
                {
                    return SyntaxFactory.IdentifierName(type.Name);
                }

                clash = true;
            }

            if (!clash && !type.ContainingNamespace.IsGlobalNamespace && type.ContainingType is null)
            {
                RequiredImports.Add(type.ContainingNamespace.ToDisplayString());
                return SyntaxFactory.IdentifierName(type.Name);
            }

            return SyntaxFactory.ParseName("global::" + type.ToDisplayString()).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        internal SyntaxNode GetChangedRoot() => _editor.GetChangedRoot();
    }
}
