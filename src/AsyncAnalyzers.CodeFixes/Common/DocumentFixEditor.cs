using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncAnalyzers.CodeFixes.Common
{
    /// <summary>
    /// The document being fixed: its original root and model, and the edits made so far. Replacements are applied in one
    /// <c>ReplaceNodes</c> pass (linear in the size of the tree, however many diagnostics a Fix All brings); nested
    /// replacements compose: an outer callback sees its descendants already replaced. Insertions and removals fall back to
    /// a <see cref="SyntaxEditor"/>.
    /// </summary>
    public sealed class DocumentFixEditor
    {
        private readonly Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxGenerator, SyntaxNode>> _replacements = new Dictionary<SyntaxNode, Func<SyntaxNode, SyntaxGenerator, SyntaxNode>>();
        private readonly List<Action<SyntaxEditor>> _orderedEdits = new List<Action<SyntaxEditor>>();
        private bool _hasStructuralEdits;

        internal DocumentFixEditor(Document document, SyntaxNode root, SemanticModel model)
        {
            Document = document;
            OriginalRoot = root;
            SemanticModel = model;
            Generator = SyntaxGenerator.GetGenerator(document);
        }

        public Document Document { get; }

        public SyntaxNode OriginalRoot { get; }

        public SemanticModel SemanticModel { get; }

        public SyntaxGenerator Generator { get; }

        private SyntaxTrivia? _endOfLine;

        /// <summary>The line break the file uses (its first one; CRLF in a file without any), for lines a fix adds.</summary>
        public SyntaxTrivia EndOfLine
        {
            get
            {
                if (_endOfLine is null)
                {
                    _endOfLine = SyntaxFactory.CarriageReturnLineFeed;
                    foreach (var trivia in OriginalRoot.DescendantTrivia())
                    {
                        if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                        {
                            _endOfLine = trivia;
                            break;
                        }
                    }
                }

                return _endOfLine.Value;
            }
        }

        /// <summary>Replaces a node of the original tree; the callback receives the node with nested replacements applied.</summary>
        public void ReplaceNode(SyntaxNode original, Func<SyntaxNode, SyntaxGenerator, SyntaxNode> computeReplacement)
        {
            _orderedEdits.Add(editor => editor.ReplaceNode(original, (current, generator) => computeReplacement(current, generator)));
            if (_replacements.TryGetValue(original, out var previous))
            {
                _replacements[original] = (current, generator) => computeReplacement(previous(current, generator), generator);
            }
            else
            {
                _replacements[original] = computeReplacement;
            }
        }

        public void ReplaceNode(SyntaxNode original, SyntaxNode replacement)
            => ReplaceNode(original, (_, _) => replacement);

        public void InsertAfter(SyntaxNode original, IEnumerable<SyntaxNode> nodes)
        {
            _hasStructuralEdits = true;
            _orderedEdits.Add(editor => editor.InsertAfter(original, nodes));
        }

        public void InsertBefore(SyntaxNode original, IEnumerable<SyntaxNode> nodes)
        {
            _hasStructuralEdits = true;
            _orderedEdits.Add(editor => editor.InsertBefore(original, nodes));
        }

        public void RemoveNode(SyntaxNode original, SyntaxRemoveOptions options = SyntaxRemoveOptions.KeepExteriorTrivia)
        {
            _hasStructuralEdits = true;
            _orderedEdits.Add(editor => editor.RemoveNode(original, options));
        }

        /// <summary>
        /// <paramref name="type"/> in an expression position (a member access receiver such as <c>Task.Delay</c>, a
        /// constant pattern), shaped as the parser shapes it there: the simple name, or <c>global::A.B.C</c> as member
        /// accesses (the parser never builds a qualified name in an expression).
        /// </summary>
        public ExpressionSyntax TypeExpression(INamedTypeSymbol type, int position)
        {
            var name = TypeName(type, position);
            return name is SimpleNameSyntax
                ? name
                : SyntaxFactory.ParseExpression(name.ToString()).WithAdditionalAnnotations(name.GetAnnotations(ImportAnnotationKinds));
        }

        /// <summary>
        /// <paramref name="type"/> in a type position (return type, parameter, attribute) as a name that binds at
        /// <paramref name="position"/>: the simple name when it already binds there or when a using directive for
        /// its namespace can be added without a clash (then the qualified name carries <see cref="Simplifier.AddImportsAnnotation"/>:
        /// Roslyn's <see cref="ImportAdder"/> adds the directive where the IDE would — inside or outside the namespace as
        /// <c>csharp_using_directive_placement</c> says, sorted as the file is — and the simplifier then shortens the name),
        /// else the global:: qualified name. Use <see cref="TypeExpression"/> in expression positions.
        /// </summary>
        public NameSyntax TypeName(INamedTypeSymbol type, int position)
        {
            // The answer only changes between type declarations (usings, aliases, nested types): cache it per type scope,
            // so a Fix All over thousands of diagnostics does one lookup per class, not one per diagnostic.
            var scope = OriginalRoot.FindToken(position).Parent;
            while (scope != null && scope is not BaseTypeDeclarationSyntax && scope is not BaseNamespaceDeclarationSyntax && scope is not CompilationUnitSyntax)
            {
                scope = scope.Parent;
            }

            var key = (scope, type);
            if (_typeNames.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var name = LookupTypeName(type, position);
            _typeNames[key] = name;
            return name;
        }

        private static readonly string[] ImportAnnotationKinds = { Simplifier.Annotation.Kind!, Simplifier.AddImportsAnnotation.Kind! };

        private readonly Dictionary<(SyntaxNode?, INamedTypeSymbol), NameSyntax> _typeNames = new Dictionary<(SyntaxNode?, INamedTypeSymbol), NameSyntax>();

        private NameSyntax LookupTypeName(INamedTypeSymbol type, int position)
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

#pragma warning disable RS0030 // Generated code: the fully qualified name, for the simplifier to shorten.
            var qualified = SyntaxFactory.ParseName("global::" + type.ToDisplayString());
#pragma warning restore RS0030
            return !clash && !type.ContainingNamespace.IsGlobalNamespace && type.ContainingType is null
                ? qualified.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation)
                : qualified.WithAdditionalAnnotations(Simplifier.Annotation);
        }

        internal SyntaxNode GetChangedRoot()
        {
            if (!_hasStructuralEdits)
            {
                return _replacements.Count == 0
                    ? OriginalRoot
                    : OriginalRoot.ReplaceNodes(_replacements.Keys, (original, rewritten) => _replacements[original](rewritten, Generator));
            }

            // Insertions and removals: replay every edit in the order it was made (an insertion after a node must see
            // that node before it is replaced), as SyntaxEditor expects.
            var editor = new SyntaxEditor(OriginalRoot, Document.Project.Solution.Services);
            foreach (var edit in _orderedEdits)
            {
                edit(editor);
            }

            return editor.GetChangedRoot();
        }
    }
}
