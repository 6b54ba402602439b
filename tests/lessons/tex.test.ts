import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { texLines, texToUnicode } from '../../src/lessons/tex.js';

describe('texToUnicode: the formulas in the student notes', () => {
  it.each([
    ['h_t=\\sigma(x_t*w_{xt}+b)', 'hₜ = σ(xₜ·wₓₜ+b)'],
    ['h_t=\\sigma(x_t*w_{xt}+h_{t-1}*w_{ht}+b) ', 'hₜ = σ(xₜ·wₓₜ+hₜ₋₁·wₕₜ+b)'],
    ['X_{n*d}', 'X_{n·d}'],
    ['Z_1', 'Z₁'],
    ['Z_8', 'Z₈'],
    ['W_1·H_1·D_1', 'W₁·H₁·D₁'],
    ['W_2·H_2·D_2', 'W₂·H₂·D₂'],
    ['FF', 'FF'],
    ['SS', 'SS'],
  ])('%s → %s', (tex, want) => {
    expect(texToUnicode(tex)).toBe(want);
  });

  it('splits a $$ block on \\\\ into one line per formula', () => {
    expect(texLines('W_2=(W_1-F)/S+1 \\\\\nH_2=(H_1-F)/S+1 \\\\\nD_2=D_1')).toEqual(['W₂ = (W₁−F)/S+1', 'H₂ = (H₁−F)/S+1', 'D₂ = D₁']);
  });
});

describe('texToUnicode: symbols', () => {
  it.each([
    ['\\alpha,\\beta,\\gamma,\\delta,\\epsilon,\\varepsilon,\\theta,\\lambda,\\mu,\\pi,\\sigma,\\tau,\\phi,\\varphi,\\omega', 'α,β,γ,δ,ϵ,ε,θ,λ,μ,π,σ,τ,ϕ,φ,ω'],
    ['\\Gamma,\\Delta,\\Sigma,\\Omega', 'Γ,Δ,Σ,Ω'],
    ['\\sigma (x)', 'σ(x)'],
    ['\\alpha \\beta', 'αβ'],
    ['a \\cdot b', 'a · b'],
    ['a \\times b', 'a × b'],
    ['a \\odot b', 'a ⊙ b'],
    ['a \\otimes b', 'a ⊗ b'],
    ['\\sum_i x_i', 'Σᵢ xᵢ'],
    ['\\prod_i x_i', 'Πᵢ xᵢ'],
    ['a \\le b', 'a ≤ b'],
    ['a \\leq b', 'a ≤ b'],
    ['a \\ge b', 'a ≥ b'],
    ['a \\ne b', 'a ≠ b'],
    ['a \\approx b', 'a ≈ b'],
    ['n \\to \\infty', 'n → ∞'],
    ['x \\rightarrow y', 'x → y'],
    ['x \\leftarrow y', 'x ← y'],
    ['\\partial L', '∂L'],
    ['\\nabla f', '∇f'],
    ['x \\in X', 'x ∈ X'],
  ])('%s → %s', (tex, want) => {
    expect(texToUnicode(tex)).toBe(want);
  });
});

describe('texToUnicode: scripts', () => {
  it.each([
    ['h_t', 'hₜ'],
    ['x_{t-1}', 'xₜ₋₁'],
    ['W_2', 'W₂'],
    ['e^{x}', 'eˣ'],
    ['e^x', 'eˣ'],
    ['x^2', 'x²'],
    ['x^{-1}', 'x⁻¹'],
    ['QK^T', 'QKᵀ'],
    ['x^{(i)}', 'x⁽ⁱ⁾'],
    ['h_t^2', 'hₜ²'],
    ['\\sum_{i=1}^{n}', 'Σᵢ₌₁ⁿ'],
    ['x_{t_1}', 'xₜ₁'],
  ])('%s → %s', (tex, want) => {
    expect(texToUnicode(tex)).toBe(want);
  });

  it('keeps _{…} and ^(…) where Unicode has no small letters', () => {
    expect(texToUnicode('W_f')).toBe('W_f');
    expect(texToUnicode('x_{b}')).toBe('x_b');
    expect(texToUnicode('d_{model}')).toBe('d_{model}');
    expect(texToUnicode('10000^{2i/d}')).toBe('10000^(2i/d)');
    expect(texToUnicode('x^{q}')).toBe('x^q');
  });

  it('ignores spaces inside a script when every character has a small form', () => {
    expect(texToUnicode('x_{t - 1}')).toBe('xₜ₋₁');
  });

  it('a script with nothing to apply to, or no argument, does not fail', () => {
    expect(texToUnicode('_2')).toBe('₂');
    expect(texToUnicode('x^')).toBe('x');
    expect(texToUnicode('x_{}')).toBe('x');
  });
});

describe('texToUnicode: structures', () => {
  it.each([
    ['\\frac{a}{b}', 'a/b'],
    ['\\frac{a+b}{c}', '(a+b)/c'],
    ['\\frac{1}{1+e^{-z}}', '1/(1+e⁻ᶻ)'],
    ['\\frac{W-F+2P}{S}+1', '(W−F+2P)/S+1'],
    ['\\frac{\\partial L}{\\partial w}', '∂L/∂w'],
    ['\\dfrac{x_1}{x_2}', 'x₁/x₂'],
    ['\\frac{(a+b)}{2}', '(a+b)/2'],
    ['\\frac{(a)(b)}{2}', '((a)(b))/2'],
    ['\\sqrt{x}', '√x'],
    ['\\sqrt{d_k}', '√dₖ'],
    ['\\sqrt{a+b}', '√(a+b)'],
    ['\\sqrt[3]{x}', '∛x'],
    ['\\sqrt[n]{x}', 'ⁿ√x'],
    ['\\mathrm{softmax}\\left(\\frac{QK^T}{\\sqrt{d_k}}\\right)V', 'softmax(QKᵀ/√dₖ)V'],
    ['\\left\\{ x \\right\\}', '{ x }'],
    ['\\left. x \\right|', 'x |'],
    ['\\text{if } x > 0', 'if x > 0'],
    ['\\mathbf{W}x', 'Wx'],
    ['\\operatorname{ReLU}(x)', 'ReLU(x)'],
    ['\\operatorname*{argmax}_x f', 'argmaxₓ f'],
    ['\\mathbb{R}^{n}', 'ℝⁿ'],
    ['\\hat{y}', 'ŷ'],
    ['\\tilde{C}_t', 'C̃ₜ'],
    ['\\binom{n}{k}', 'C(n, k)'],
    ['\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}', '[1, 2; 3, 4]'],
    ['\\begin{pmatrix} a \\\\ b \\end{pmatrix}', '(a; b)'],
    ['x = 1 \\tag{3}', 'x = 1 (3)'],
    ['\\color{red}{x}', 'x'],
    ['\\textcolor{red}{x}', 'x'],
  ])('%s → %s', (tex, want) => {
    expect(texToUnicode(tex)).toBe(want);
  });

  it('aligned environments become lines', () => {
    expect(texLines('\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}')).toEqual(['a = b', 'c = d']);
  });

  it('cases: one line with the branches', () => {
    expect(texToUnicode('|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & x < 0 \\end{cases}')).toBe('|x| = { x, x ≥ 0; −x, x < 0');
  });
});

describe('texToUnicode: spacing and operators', () => {
  it('the spacing commands are spaces; \\! is nothing', () => {
    expect(texToUnicode('a\\,b')).toBe('a b');
    expect(texToUnicode('a\\;b')).toBe('a b');
    expect(texToUnicode('a\\quad b')).toBe('a  b');
    expect(texToUnicode('a\\!b')).toBe('ab');
    expect(texToUnicode('a~b')).toBe('a b');
  });

  it('\\{ and \\} are braces', () => {
    expect(texToUnicode('\\{1, 2\\}')).toBe('{1, 2}');
  });

  it('* between letters or numbers is ·, elsewhere it stays', () => {
    expect(texToUnicode('x_t*w')).toBe('xₜ·w');
    expect(texToUnicode('2*3')).toBe('2·3');
    expect(texToUnicode('a * b')).toBe('a · b');
    expect(texToUnicode('(a)*(b)')).toBe('(a)·(b)');
    expect(texToUnicode('x^*')).toBe('x*');
    expect(texToUnicode('*')).toBe('*');
  });

  it('minus is U+2212, a prime is ′', () => {
    expect(texToUnicode('a-b')).toBe('a−b');
    expect(texToUnicode("f'(x)")).toBe('f′(x)');
  });

  it('relations get one space on each side at the top level only', () => {
    expect(texToUnicode('a=b')).toBe('a = b');
    expect(texToUnicode('a   =   b')).toBe('a = b');
    expect(texToUnicode('x_{i=1}')).toBe('xᵢ₌₁');
  });

  it('unknown commands are their name without the backslash', () => {
    expect(texToUnicode('\\relu(x)')).toBe('relu(x)');
    expect(texToUnicode('\\softmax{z}')).toBe('softmax(z)');
    expect(texToUnicode('\\foo')).toBe('foo');
    expect(texToUnicode('\\sin x + \\log y')).toBe('sin x + log y');
  });

  it('Chinese and Unicode pass through', () => {
    expect(texToUnicode('\\text{输出} = W·x')).toBe('输出 = W·x');
    expect(texToUnicode('损失 L')).toBe('损失 L');
  });
});

describe('texToUnicode: never fails', () => {
  it.each(['', '\\', '{', '}', '{{{', '}}}', '\\frac', '\\frac{', '\\sqrt[', '\\begin{bmatrix}', '\\end{cases}', '^^^', '__', '\\left', '\\right.', '$$', '\\text{', '\\\\\\\\'])(
    'odd input %j',
    (tex) => {
      expect(typeof texToUnicode(tex)).toBe('string');
      expect(Array.isArray(texLines(tex))).toBe(true);
    },
  );

  // Ends at all (no stack overflow, no runaway): the test's own timeout catches a hang; speed is not asserted here.
  it('deep nesting and long input end', () => {
    expect(texToUnicode('{'.repeat(50_000) + 'x' + '}'.repeat(50_000)).length).toBeGreaterThan(0);
    expect(texToUnicode('\\sqrt'.repeat(20_000) + 'x').length).toBeGreaterThan(0);
    expect(texToUnicode('\\not'.repeat(20_000)).length).toBeGreaterThanOrEqual(0);
    expect(texToUnicode('x_'.repeat(20_000)).length).toBeGreaterThan(0);
    expect(texToUnicode('a+b=c\\\\'.repeat(20_000)).length).toBeGreaterThan(0);
  });

  it('any string: a string back, no exception, no line breaks unless \\\\ was there', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const out = texToUnicode(s);
        expect(typeof out).toBe('string');
        if (!s.includes('\\')) expect(out.includes('\n')).toBe(false);
        for (const l of texLines(s)) expect(l).toBe(l.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('any string made of TeX pieces', () => {
    const piece = fc.constantFrom('\\frac', '\\sqrt', '{', '}', '_', '^', '\\left', '\\right', '(', ')', '\\\\', '&', '\\begin{cases}', '\\end{cases}', '\\begin{bmatrix}', '\\end{bmatrix}', '\\text{', 'x', 't', '1', ' ', '*', '-', '=', '\\sigma', '\\unknown', '[', ']', '\\', '$', '\\operatorname*', '\\not', '\\hat', '\\mathbb');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        expect(typeof texToUnicode(parts.join(''))).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });
});
