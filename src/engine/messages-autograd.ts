/**
 * Messages of autograd, the training ops, modules, optimizers and training runs
 * (spread into ENGINE_MESSAGES; the same one-table-per-code rule applies).
 */
import { fmtShape } from './errors.js';
import { m, quoted, type Shape, s, shown } from './message-kit.js';

const sh = fmtShape;

export const AUTOGRAD_MESSAGES = {
  'autograd-no-backward': m<{ op: string }>(
    (p) => `${p.op} has no backward registered, so it cannot be used on tensors that require a gradient. Compute it under noGrad(), or on tensors that do not require one.`,
    (p) => `${p.op} 没有注册反向传播，不能用于需要梯度的张量。请在 noGrad() 中计算，或用于不需要梯度的张量。`,
  ),
  'autograd-no-graph': m<{ shape: Shape }>(
    (p) => `backward(): this tensor ${sh(p.shape)} does not require a gradient and was not computed from one that does, so there is nothing to differentiate. Set requiresGrad on the parameters before the forward pass.`,
    (p) => `backward()：这个张量 ${sh(p.shape)} 不需要梯度，也不是由需要梯度的张量计算出来的，所以没有可以求导的东西。请在前向传播之前给参数设置 requiresGrad。`,
  ),
  'autograd-not-scalar': m<{ shape: Shape }>(
    (p) => `backward() without a gradient needs a single number (a loss), but this tensor has shape ${sh(p.shape)}. Reduce it first (sum or mean), or pass dLoss/dtensor of the same shape.`,
    (p) => `不带梯度参数的 backward() 需要一个数（损失），但这个张量的形状是 ${sh(p.shape)}。请先归约（sum 或 mean），或传入同形状的 dLoss/dtensor。`,
  ),
  'autograd-seed-shape': m<{ want: Shape; got: Shape }>(
    (p) => `backward(): the gradient given has shape ${sh(p.got)} but the tensor has shape ${sh(p.want)}; they must be equal.`,
    (p) => `backward()：给出的梯度形状为 ${sh(p.got)}，但张量形状为 ${sh(p.want)}；两者必须相同。`,
  ),
  'autograd-grad-shape': m<{ op: string; input: string; want: Shape; got: Shape }>(
    (p) => `${p.op}: its backward returned a gradient of shape ${sh(p.got)} for "${p.input}", which has shape ${sh(p.want)}. This is a bug in the op's vjp.`,
    (p) => `${p.op}：它的反向传播为 "${p.input}"（形状 ${sh(p.want)}）返回了形状为 ${sh(p.got)} 的梯度。这是该算子 vjp 的错误。`,
  ),
  'broadcast-mismatch': m<{ op: string; a: Shape; b: Shape; dim: number }>(
    (p) => `${p.op}: shapes ${sh(p.a)} and ${sh(p.b)} do not broadcast: dimension ${p.dim} (counted from the end) differs and neither size is 1. Sizes must be equal, or one of them 1, from the last dimension backwards.`,
    (p) => `${p.op}：形状 ${sh(p.a)} 与 ${sh(p.b)} 无法广播：倒数第 ${-p.dim} 维大小不同，且都不是 1。从最后一维往前，大小必须相等或其中之一为 1。`,
  ),
  'dim-out-of-range': m<{ op: string; dim: number; rank: number }>(
    (p) => `${p.op}: dimension ${p.dim} does not exist in a tensor with ${p.rank} dimension${s(p.rank)}; use 0…${p.rank - 1} or −${p.rank}…−1.`,
    (p) => `${p.op}：${p.rank} 维的张量没有第 ${p.dim} 维；请使用 0…${p.rank - 1} 或 −${p.rank}…−1。`,
  ),
  'reduce-dim-twice': m<{ op: string; dims: readonly number[] }>(
    (p) => `${p.op}: dimension list [${p.dims.join(', ')}] names a dimension twice; list each once.`,
    (p) => `${p.op}：维度列表 [${p.dims.join(', ')}] 重复了某一维；每一维只列一次。`,
  ),
  'reshape-size': m<{ from: Shape; to: readonly number[]; size: number }>(
    (p) => `reshape: ${sh(p.from)} has ${p.size} element${s(p.size)}, which cannot be arranged as [${p.to.join(', ')}]. The new shape must hold the same number of elements (at most one −1, which is inferred).`,
    (p) => `reshape：${sh(p.from)} 有 ${p.size} 个元素，无法排成 [${p.to.join(', ')}]。新形状的元素个数必须相同（最多一个 −1，由其余推出）。`,
  ),
  'permute-dims': m<{ dims: readonly number[]; rank: number }>(
    (p) => `permute: [${p.dims.join(', ')}] must list each of the ${p.rank} dimension${s(p.rank)} exactly once.`,
    (p) => `permute：[${p.dims.join(', ')}] 必须把 ${p.rank} 个维度每个恰好列出一次。`,
  ),
  'slice-empty': m<{ dim: number; start: number; end: number; size: number }>(
    (p) => `slice: ${p.start}:${p.end} along dimension ${p.dim} (size ${p.size}) selects nothing; end must be after start.`,
    (p) => `slice：沿第 ${p.dim} 维（大小 ${p.size}）取 ${p.start}:${p.end} 什么也取不到；end 必须大于 start。`,
  ),
  'variadic-bad-name': m<{ op: string; name: string }>(
    (p) => `${p.op}: input "${p.name}" is not a name it takes; name the tensors x0, x1, x2, … in order.`,
    (p) => `${p.op}：不接受名为 "${p.name}" 的输入；请把张量按顺序命名为 x0、x1、x2……`,
  ),
  'variadic-none': m<{ op: string }>(
    (p) => `${p.op} needs at least one tensor (x0, x1, …).`,
    (p) => `${p.op} 至少需要一个张量（x0、x1……）。`,
  ),
  'concat-shapes': m<{ op: string; dim: number; a: Shape; b: Shape }>(
    (p) => `${p.op}: ${sh(p.a)} and ${sh(p.b)} cannot be joined along dimension ${p.dim}: every other dimension must be equal${p.op === 'stack' ? ' (stack needs identical shapes)' : ''}.`,
    (p) => `${p.op}：${sh(p.a)} 与 ${sh(p.b)} 不能沿第 ${p.dim} 维拼接：其他各维必须相等${p.op === 'stack' ? '（stack 要求形状完全相同）' : ''}。`,
  ),
  'index-select-rank': m<{ shape: Shape }>(
    (p) => `index_select: the index must be a list of whole numbers (one dimension), not shape ${sh(p.shape)}.`,
    (p) => `index_select：索引必须是一列整数（一维），而不是形状 ${sh(p.shape)}。`,
  ),
  'index-out-of-range': m<{ op: string; index: number; dim: number; size: number }>(
    (p) => `${p.op}: index ${p.index} is outside dimension ${p.dim}, which has ${p.size} entr${p.size === 1 ? 'y' : 'ies'} (0…${p.size - 1}); indices are whole numbers in that range.`,
    (p) => `${p.op}：索引 ${p.index} 超出第 ${p.dim} 维的范围（共 ${p.size} 项，0…${p.size - 1}）；索引必须是这个范围内的整数。`,
  ),
  'bmm-rank': m<{ a: Shape; b: Shape }>(
    (p) => `matmul: both operands need at least 2 dimensions (matrices, possibly batched), got ${sh(p.a)} and ${sh(p.b)}.`,
    (p) => `matmul：两个操作数都至少需要 2 维（矩阵，可带批次维），得到的是 ${sh(p.a)} 和 ${sh(p.b)}。`,
  ),
  'bmm-shapes': m<{ a: Shape; b: Shape }>(
    (p) => `matmul: ${sh(p.a)} · ${sh(p.b)} does not fit: the columns of the first (its last size) must equal the rows of the second, and batch dimensions must be equal (or the second a single [K, N] matrix).`,
    (p) => `matmul：${sh(p.a)} · ${sh(p.b)} 不匹配：第一个的列数（最后一维）必须等于第二个的行数，批次维必须相同（或第二个是单个 [K, N] 矩阵）。`,
  ),
  'ce-logits-scalar': m(
    () => 'cross_entropy: the logits must have a class dimension (the last), e.g. [N, C]; a single number has none.',
    () => 'cross_entropy：logits 必须有类别维（最后一维），例如 [N, C]；单个数没有类别维。',
  ),
  'ce-target-shape': m<{ logits: Shape; target: Shape; want: Shape }>(
    (p) => `cross_entropy: logits ${sh(p.logits)} need class-index targets of shape ${sh(p.want)} (one class per position), but the targets have shape ${sh(p.target)}.`,
    (p) => `cross_entropy：logits ${sh(p.logits)} 需要形状为 ${sh(p.want)} 的类别索引目标（每个位置一个类别），但目标的形状是 ${sh(p.target)}。`,
  ),
  'ce-target-range': m<{ index: number; value: unknown; classes: number }>(
    (p) => `cross_entropy: target ${p.index} is ${shown(p.value, 'en')}, but with ${p.classes} class${p.classes === 1 ? '' : 'es'} a target must be a whole number from 0 to ${p.classes - 1}.`,
    (p) => `cross_entropy：第 ${p.index} 个目标是 ${shown(p.value, 'zh')}，但共有 ${p.classes} 个类别，目标必须是 0 到 ${p.classes - 1} 之间的整数。`,
  ),
  'mse-shapes': m<{ inputShape: Shape; target: Shape }>(
    (p) => `mse_loss: the output ${sh(p.inputShape)} and the target ${sh(p.target)} must have the same shape.`,
    (p) => `mse_loss：输出 ${sh(p.inputShape)} 与目标 ${sh(p.target)} 的形状必须相同。`,
  ),
  'dropout-p': m<{ p: number }>(
    (p) => `dropout: p = ${p.p} is a probability and must be between 0 and 1.`,
    (p) => `dropout：p = ${p.p} 是概率，必须在 0 到 1 之间。`,
  ),
  'nn-param-unknown': m<{ name: string; close: readonly string[]; known: readonly string[] }>(
    (p) =>
      `load_state_dict: the model has no parameter "${p.name}".` +
      (p.close.length > 0 ? ` Did you mean ${quoted(p.close)}?` : '') +
      ` Its parameters are ${quoted(p.known.slice(0, 12))}${p.known.length > 12 ? ', …' : ''}.`,
    (p) =>
      `load_state_dict：模型没有参数 "${p.name}"。` +
      (p.close.length > 0 ? `是不是 ${quoted(p.close)}？` : '') +
      `它的参数有 ${quoted(p.known.slice(0, 12))}${p.known.length > 12 ? '，…' : ''}。`,
  ),
  'nn-param-missing': m<{ names: readonly string[] }>(
    (p) => `load_state_dict: no value given for ${quoted(p.names)}; every parameter of the model needs one (or pass strict: false).`,
    (p) => `load_state_dict：没有给出 ${quoted(p.names)} 的值；模型的每个参数都需要一个值（或传入 strict: false）。`,
  ),
  'nn-param-shape': m<{ name: string; want: Shape; got: Shape }>(
    (p) => `load_state_dict: "${p.name}" has shape ${sh(p.want)} in the model but ${sh(p.got)} was given.`,
    (p) => `load_state_dict："${p.name}" 在模型中的形状是 ${sh(p.want)}，但给出的是 ${sh(p.got)}。`,
  ),
  'nn-layer-input': m<{ layer: string; want: string; got: Shape }>(
    (p) => `${p.layer}: expected input ${p.want}, got shape ${sh(p.got)}.`,
    (p) => `${p.layer}：期望输入 ${p.want}，得到的形状是 ${sh(p.got)}。`,
  ),
  'nn-bad-size': m<{ layer: string; name: string; value: unknown }>(
    (p) => `${p.layer}: ${p.name} must be a whole number of at least 1, not ${shown(p.value, 'en')}.`,
    (p) => `${p.layer}：${p.name} 必须是不小于 1 的整数，而不是 ${shown(p.value, 'zh')}。`,
  ),
  'optim-setting': m<{ optim: string; name: string; value: unknown; rule: string; ruleZh: string }>(
    (p) => `${p.optim}: ${p.name} = ${shown(p.value, 'en')} is not allowed: ${p.rule}.`,
    (p) => `${p.optim}：${p.name} = ${shown(p.value, 'zh')} 不允许：${p.ruleZh}。`,
  ),
  'optim-unknown': m<{ type: string; known: readonly string[] }>(
    (p) => `optimizer "${p.type}" is not one nnlearn has; use ${quoted(p.known)}.`,
    (p) => `没有名为 "${p.type}" 的优化器；请使用 ${quoted(p.known)}。`,
  ),
  'train-bad-format': m<{ found: string }>(
    (p) => `not an nnlearn-train/1 file: its "format" is ${p.found}. Training traces start with {"format":"nnlearn-train/1", "cases": […]}.`,
    (p) => `不是 nnlearn-train/1 文件：它的 "format" 是 ${p.found}。训练轨迹文件以 {"format":"nnlearn-train/1", "cases": […]} 开头。`,
  ),
  'train-field': m<{ id: string; field: string; want: string; wantZh: string }>(
    (p) => `training case ${p.id}: "${p.field}" must be ${p.want}.`,
    (p) => `训练用例 ${p.id}："${p.field}" 必须是${p.wantZh}。`,
  ),
  'train-layer-unknown': m<{ id: string; index: number; type: string; known: readonly string[] }>(
    (p) => `training case ${p.id}: layer ${p.index} has type "${p.type}", which nnlearn does not know; layer types are ${quoted(p.known)}.`,
    (p) => `训练用例 ${p.id}：第 ${p.index} 层的类型 "${p.type}" 不认识；可用的层类型有 ${quoted(p.known)}。`,
  ),
  'train-batch-index': m<{ id: string; step: number; index: unknown; n: number }>(
    (p) => `training case ${p.id}: batch ${p.step} lists example ${shown(p.index, 'en')}, but there are ${p.n} examples (0…${p.n - 1}).`,
    (p) => `训练用例 ${p.id}：第 ${p.step} 个批次列出了样本 ${shown(p.index, 'zh')}，但只有 ${p.n} 个样本（0…${p.n - 1}）。`,
  ),
  'train-loss-nan': m<{ step: number; loss: number }>(
    (p) => `training diverged: the loss of step ${p.step} is ${shown(p.loss, 'en')}. Lower the learning rate, clip the gradients, or check that every input is a finite number.`,
    (p) => `训练发散：第 ${p.step} 步的损失为 ${shown(p.loss, 'zh')}。请降低学习率、裁剪梯度，或检查每个输入是否都是有限的数。`,
  ),
  'train-loss-unknown': m<{ name: string }>(
    (p) => `loss "${p.name}" is not one nnlearn has; use "cross_entropy" or "mse".`,
    (p) => `没有名为 "${p.name}" 的损失函数；请使用 "cross_entropy" 或 "mse"。`,
  ),
} as const;
