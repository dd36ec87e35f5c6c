// Every string the page shows, in one table per language (English and
// Simplified Chinese), so views never hard-code text. The language comes from
// the `lang` attribute / URL key, else the user's earlier choice, else the
// browser's language (pageLanguage); the page rebuilds its text on a switch.
// Placeholders are {name}; t() fills them. Values are plain text: views insert
// them with textContent, never as HTML.

// Feature names are mathematical notation, the same in every language.
const FEATURE_SYMBOLS = {
  'feature.x1': 'x₁',
  'feature.x2': 'x₂',
  'feature.x1^2': 'x₁²',
  'feature.x2^2': 'x₂²',
  'feature.x1*x2': 'x₁x₂',
  'feature.sin(x1)': 'sin x₁',
  'feature.sin(x2)': 'sin x₂',
};

export const STRINGS = {
  en: {
    'app.title': 'nnplay',
    'app.tagline': 'Train a real neural network in your browser',
    'app.loading': 'Loading the engine…',
    'app.engineFailed': 'The training engine could not start: {message}',
    'app.docs': 'API reference and guides',

    'toolbar.reset': 'Reset the network',
    'toolbar.play': 'Train',
    'toolbar.pause': 'Pause',
    'toolbar.stepEpoch': 'Step one epoch',
    'toolbar.stepBatch': 'Step one batch',
    'toolbar.epoch': 'Epoch',

    'control.learningRate': 'Learning rate',
    'control.activationAll': 'Activation (all layers)',
    'control.optimizer': 'Optimizer',
    'control.batchSize': 'Batch size',
    'control.regularization': 'Regularization',
    'control.regRate': 'Regularization rate',
    'control.initializer': 'Initializer',
    'control.seed': 'Seed',
    'control.speed': 'Speed',
    'control.epochs': 'Stop after',
    'control.epochsNever': 'never',
    'control.epochsSuffix': 'epochs',
    'control.problem': 'Problem',

    'speed.value': '{n} epoch/frame',
    'speed.max': 'as fast as possible',

    'problem.classification': 'Classification',
    'problem.multiclass': 'Classification, {k} classes',
    'problem.regression': 'Regression',

    'regularization.none': 'None',
    'regularization.l1': 'L1',
    'regularization.l2': 'L2',

    'optimizer.sgd': 'SGD',
    'optimizer.momentum': 'Momentum',
    'optimizer.rmsprop': 'RMSprop',
    'optimizer.adam': 'Adam',

    'activation.linear': 'Linear',
    'activation.sigmoid': 'Sigmoid',
    'activation.tanh': 'Tanh',
    'activation.relu': 'ReLU',
    'activation.softmax': 'Softmax',

    'initializer.glorotUniform': 'Glorot uniform',
    'initializer.glorotNormal': 'Glorot normal',
    'initializer.heUniform': 'He uniform',
    'initializer.heNormal': 'He normal',
    'initializer.lecunUniform': 'LeCun uniform',
    'initializer.zeros': 'Zeros',

    'loss.binaryCrossentropy': 'binary cross-entropy',
    'loss.sparseCategoricalCrossentropy': 'sparse categorical cross-entropy',
    'loss.meanSquaredError': 'mean squared error',

    'data.title': 'Data',
    'data.which': 'Which dataset do you want to use?',
    'data.classes': 'Classes',
    'data.trainRatio': 'Ratio of training to test data',
    'data.noise': 'Noise',
    'data.points': 'Points',
    'data.regenerate': 'Regenerate',
    'data.custom': 'Your own data ({n} points). It is not part of the link.',
    'data.edit': 'Edit the data',
    'data.addHelp': 'Click the output plot to add a point of the chosen class. Shift-click: the other class. Right-click, or hover and press Delete: remove the nearest point.',
    'data.addHelpRegression': 'Click the output plot to add a point with the chosen value. Shift-click: the opposite value. Right-click, or hover and press Delete: remove the nearest point.',
    'data.addClass': 'Class to add',
    'data.addValue': 'Value to add',
    'data.csv': 'CSV (x1,x2,label)',
    'data.csvPlaceholder': 'x1,x2,label\n-1.5,2.0,0\n3.1,-0.4,1',
    'data.csvLoad': 'Load CSV',
    'data.csvUpload': 'Upload CSV…',
    'data.csvDownload': 'Download CSV',
    'data.csvError': 'This CSV could not be used: {message}',
    'data.csvLoaded': 'Loaded {n} points ({problem}).',
    'data.csvTooLarge': 'The file is larger than {max} MB.',

    'dataset.circle': 'Circle',
    'dataset.xor': 'Exclusive or',
    'dataset.gauss': 'Two Gaussians',
    'dataset.spiral': 'Spiral',
    'dataset.moons': 'Moons',
    'dataset.blobs': 'Blobs',
    'dataset.plane': 'Plane (regression)',
    'dataset.multiGauss': 'Multi-Gaussian (regression)',

    ...FEATURE_SYMBOLS,
    'features.title': 'Features',
    'features.help': 'Which properties do you want to feed in? Click to toggle.',
    'features.toggle': 'Use feature {name}',
    'features.atLeastOne': 'At least one feature must stay on.',

    'network.hiddenLayers': '{n} hidden layers',
    'network.hiddenLayer1': '1 hidden layer',
    'network.addLayer': 'Add a hidden layer',
    'network.removeLayer': 'Remove the last hidden layer',
    'network.addNeuron': 'Add a neuron to layer {l}',
    'network.removeNeuron': 'Remove a neuron from layer {l}',
    'network.neurons': '{n} neurons',
    'network.neuron1': '1 neuron',
    'network.layerActivation': 'Activation of layer {l}',
    'network.output': 'Output',
    'network.outputInfo': 'Output: {activation} · loss: {loss}',
    'network.params': '{n} parameters',
    'network.weight': 'Weight {value}  ({from} → {to}). Click to edit.',
    'network.bias': 'Bias {value}  ({to}). Click to edit.',
    'network.neuron': '{name}: hover to see its output on the plot',
    'network.neuronName': 'layer {l}, neuron {j}',
    'network.outputName': 'output neuron {j}',
    'network.edit': 'New value, then Enter',
    'network.editBad': 'Enter a finite number.',
    'network.showing': 'Showing {name}',

    'output.title': 'Output',
    'output.testLoss': 'Test loss',
    'output.trainLoss': 'Training loss',
    'output.testAccuracy': 'Test accuracy',
    'output.trainAccuracy': 'Training accuracy',
    'output.testR2': 'Test R²',
    'output.trainR2': 'Training R²',
    'output.logScale': 'Log scale',
    'output.lineTest': 'test',
    'output.lineTrain': 'training',
    'output.showTest': 'Show test data',
    'output.discretize': 'Discretize output',
    'output.exportPng': 'Heat map PNG',
    'output.exportModel': 'Export model',
    'output.importModel': 'Import model…',
    'output.chartLabel': 'Loss per epoch: training and test',
    'output.chartTip': 'epoch {epoch} · training {train} · test {test}',
    'output.heatmapLabel': 'Decision boundary over the input plane, with the data points',
    'output.legendClass': 'class {k}',
    'output.legendBinary': 'p(class 1)',
    'output.legendMulti': 'Colour: the most likely class; intensity: its probability.',
    'output.legendRegression': 'predicted value',
    'output.modelImported': 'Model imported.',
    'output.modelBad': 'This model file could not be used: {message}',

    'diverged.title': 'Training diverged',
    'diverged.body': 'The loss became NaN or infinite at epoch {epoch}, so training has paused. Try a lower learning rate (for example {suggest}), then press Reset.',
    'state.warning': 'Link setting ignored or adjusted: {message}',
    'state.notOneOf': '{name}: "{value}" is not one of {allowed}',
    'state.notBool': '{name}: "{value}" is not true or false',
    'state.notNumber': '{name}: "{value}" is not a number',
    'state.outOfRange': '{name}: {value} is outside {range}; using {used}',
    'state.tooMany': '{name}: at most {max} values; keeping the first {max}',
    'state.tooFew': '{name}: needs at least {min} valid value(s); using the default',
    'state.unknown': '"{name}" is not a setting',
    'state.dismiss': 'Dismiss',

    'embed.attrWarning': 'Attribute ignored or adjusted: {message}',
    'embed.failed': 'This playground stopped: {message}',

    'lang.label': 'Language',
    'lang.en': 'English',
    'lang.zhCN': '简体中文',
    'output.accuracy': 'accuracy',
    'output.chartSummary': 'Epoch {epoch}. Training loss {train}, test loss {test}.',
    'output.plotSummary': 'Epoch {epoch}. {metric}: training {train}, test {test}.',

    'teach.title': 'Learn',
    'teach.inspect': 'Neuron inspector',
    'teach.step': 'Step mode',
    'teach.code': 'Code',
    'teach.explain': 'Loss and activation',

    'inspect.help': 'Hover the output plot to pick a point (or type it and pin it) and hover a neuron in the diagram (or choose it here): the neuron\'s arithmetic for that point, with the live numbers. Layer 0 is the inputs.',
    'inspect.x1': 'x₁ of the point',
    'inspect.x2': 'x₂ of the point',
    'inspect.pin': 'Pin the point',
    'inspect.unpin': 'Unpin',
    'inspect.layer': 'Layer',
    'inspect.neuron': 'Neuron',
    'inspect.layerHidden': '{l} (hidden)',
    'inspect.layerOutput': '{l} (output)',
    'inspect.waiting': 'Waiting for the network\'s weights…',
    'inspect.g.linear': 'linear',
    'inspect.g.sigmoid': 'σ',
    'inspect.g.tanh': 'tanh',
    'inspect.g.relu': 'ReLU',
    'inspect.g.softmax': 'softmax',
    'inspect.where': 'g is this layer\'s activation: {g}. w·a is the dot product: the sum of weight × input.',
    'inspect.meanRegression': '(the predicted value)',
    'inspect.meanBinary': '(probability of class 1: {p}%)',
    'inspect.meanMulti': '(most likely: class {k}, {p}%)',

    'code.title': 'Code of this network',
    'code.help': 'The network on this page as code, with the current trained weights in the NumPy version: paste it into Python and get the same predictions.',
    'code.keras': 'Python / Keras',
    'code.js': 'JavaScript (nnplay)',
    'code.numpy': 'NumPy forward pass',
    'code.copy': 'Copy',
    'code.copied': 'Copied.',
    'code.selected': 'Selected: press Ctrl+C to copy.',
    'code.error': '# This network cannot be written as code: {message}',

    'explain.lossTitle': 'Loss: {loss}',
    'explain.mseMean': '(averaged over the points)',
    'explain.lossBceNote': 'Loss against the predicted probability ŷ: solid for a point of class 1 (−log ŷ), dashed for class 0 (−log(1 − ŷ)). Confident wrong predictions cost the most.',
    'explain.lossCceNote': 'Loss against the probability ŷ given to the true class: −log ŷ. Confident wrong predictions cost the most.',
    'explain.lossMseNote': 'Loss against the error ŷ − y: a parabola; large errors cost quadratically more.',
    'explain.activationTitle': 'Activation function',
    'explain.activation': 'Activation',
    'explain.g': 'g(z)',
    'explain.dg': 'g′(z) (dashed)',
    'explain.activationPlot': '{name}: {g}; {dg}. Plotted for z from −4 to 4.',

    'step.help': 'Walk through one training step on one training point: the forward pass layer by layer, the loss, the backward pass (each layer\'s error signal δ), then the weight update of one batch.',
    'step.start': 'Start',
    'step.next': 'Next',
    'step.done': 'Done',
    'step.restart': 'Restart',
    'step.otherPoint': 'Another point',
    'step.inputs': 'inputs',
    'step.point': 'Point: x₁ = {x1}, x₂ = {x2}, label y = {y}',
    'step.forward': 'Forward pass, layer {l}:',
    'step.activation': '(g = {g})',
    'step.loss': 'The loss of this point:',
    'step.backward': 'Backward pass, layer {l}: the error signal δ and the gradients',
    'step.update': 'Weight update from one batch ({n} training points, learning rate α = {lr}):',
    'step.mean': 'mean',
    'step.optimizerNote': 'Shown for plain gradient descent; Momentum, RMSprop and Adam rescale each step from the same gradients.',
  },
  'zh-CN': {
    'app.title': 'nnplay',
    'app.tagline': '在浏览器中训练一个真正的神经网络',
    'app.loading': '正在加载训练引擎…',
    'app.engineFailed': '训练引擎无法启动：{message}',
    'app.docs': 'API 参考与使用指南',

    'toolbar.reset': '重置网络',
    'toolbar.play': '训练',
    'toolbar.pause': '暂停',
    'toolbar.stepEpoch': '单步训练一个周期',
    'toolbar.stepBatch': '单步训练一个批次',
    'toolbar.epoch': '周期',

    'control.learningRate': '学习率',
    'control.activationAll': '激活函数（所有层）',
    'control.optimizer': '优化器',
    'control.batchSize': '批量大小',
    'control.regularization': '正则化',
    'control.regRate': '正则化率',
    'control.initializer': '初始化方法',
    'control.seed': '随机种子',
    'control.speed': '速度',
    'control.epochs': '停止于',
    'control.epochsNever': '不停止',
    'control.epochsSuffix': '个周期',
    'control.problem': '问题类型',

    'speed.value': '每帧 {n} 个周期',
    'speed.max': '尽可能快',

    'problem.classification': '分类',
    'problem.multiclass': '分类，{k} 个类别',
    'problem.regression': '回归',

    'regularization.none': '无',
    'regularization.l1': 'L1',
    'regularization.l2': 'L2',

    'optimizer.sgd': 'SGD',
    'optimizer.momentum': '动量法',
    'optimizer.rmsprop': 'RMSprop',
    'optimizer.adam': 'Adam',

    'activation.linear': '线性',
    'activation.sigmoid': 'Sigmoid',
    'activation.tanh': 'Tanh',
    'activation.relu': 'ReLU',
    'activation.softmax': 'Softmax',

    'initializer.glorotUniform': 'Glorot 均匀',
    'initializer.glorotNormal': 'Glorot 正态',
    'initializer.heUniform': 'He 均匀',
    'initializer.heNormal': 'He 正态',
    'initializer.lecunUniform': 'LeCun 均匀',
    'initializer.zeros': '全零',

    'loss.binaryCrossentropy': '二元交叉熵',
    'loss.sparseCategoricalCrossentropy': '稀疏分类交叉熵',
    'loss.meanSquaredError': '均方误差',

    'data.title': '数据',
    'data.which': '你想使用哪个数据集？',
    'data.classes': '类别数',
    'data.trainRatio': '训练数据与测试数据的比例',
    'data.noise': '噪声',
    'data.points': '点数',
    'data.regenerate': '重新生成',
    'data.custom': '你自己的数据（{n} 个点）。它不包含在链接中。',
    'data.edit': '编辑数据',
    'data.addHelp': '点击输出图添加所选类别的点。Shift+点击：另一个类别。右键点击，或悬停后按 Delete：删除最近的点。',
    'data.addHelpRegression': '点击输出图添加所选数值的点。Shift+点击：相反的数值。右键点击，或悬停后按 Delete：删除最近的点。',
    'data.addClass': '要添加的类别',
    'data.addValue': '要添加的数值',
    'data.csv': 'CSV（x1,x2,label）',
    'data.csvPlaceholder': 'x1,x2,label\n-1.5,2.0,0\n3.1,-0.4,1',
    'data.csvLoad': '加载 CSV',
    'data.csvUpload': '上传 CSV…',
    'data.csvDownload': '下载 CSV',
    'data.csvError': '无法使用此 CSV：{message}',
    'data.csvLoaded': '已加载 {n} 个点（{problem}）。',
    'data.csvTooLarge': '文件大于 {max} MB。',

    'dataset.circle': '圆形',
    'dataset.xor': '异或',
    'dataset.gauss': '两个高斯分布',
    'dataset.spiral': '螺旋',
    'dataset.moons': '双月',
    'dataset.blobs': '团簇',
    'dataset.plane': '平面（回归）',
    'dataset.multiGauss': '多高斯（回归）',

    ...FEATURE_SYMBOLS,
    'features.title': '特征',
    'features.help': '你想输入哪些属性？点击切换。',
    'features.toggle': '使用特征 {name}',
    'features.atLeastOne': '至少要保留一个特征。',

    'network.hiddenLayers': '{n} 个隐藏层',
    'network.hiddenLayer1': '1 个隐藏层',
    'network.addLayer': '添加一个隐藏层',
    'network.removeLayer': '删除最后一个隐藏层',
    'network.addNeuron': '给第 {l} 层添加一个神经元',
    'network.removeNeuron': '从第 {l} 层删除一个神经元',
    'network.neurons': '{n} 个神经元',
    'network.neuron1': '1 个神经元',
    'network.layerActivation': '第 {l} 层的激活函数',
    'network.output': '输出',
    'network.outputInfo': '输出：{activation} · 损失：{loss}',
    'network.params': '{n} 个参数',
    'network.weight': '权重 {value}（{from} → {to}）。点击编辑。',
    'network.bias': '偏置 {value}（{to}）。点击编辑。',
    'network.neuron': '{name}：悬停可在图上查看它的输出',
    'network.neuronName': '第 {l} 层，神经元 {j}',
    'network.outputName': '输出神经元 {j}',
    'network.edit': '输入新值，然后按回车',
    'network.editBad': '请输入一个有限的数。',
    'network.showing': '正在显示 {name}',

    'output.title': '输出',
    'output.testLoss': '测试损失',
    'output.trainLoss': '训练损失',
    'output.testAccuracy': '测试准确率',
    'output.trainAccuracy': '训练准确率',
    'output.testR2': '测试 R²',
    'output.trainR2': '训练 R²',
    'output.logScale': '对数刻度',
    'output.lineTest': '测试',
    'output.lineTrain': '训练',
    'output.showTest': '显示测试数据',
    'output.discretize': '离散化输出',
    'output.exportPng': '热力图 PNG',
    'output.exportModel': '导出模型',
    'output.importModel': '导入模型…',
    'output.chartLabel': '每个周期的损失：训练与测试',
    'output.chartTip': '周期 {epoch} · 训练 {train} · 测试 {test}',
    'output.heatmapLabel': '输入平面上的决策边界及数据点',
    'output.legendClass': '类别 {k}',
    'output.legendBinary': 'p(类别 1)',
    'output.legendMulti': '颜色：最可能的类别；深浅：它的概率。',
    'output.legendRegression': '预测值',
    'output.modelImported': '模型已导入。',
    'output.modelBad': '无法使用此模型文件：{message}',

    'diverged.title': '训练发散了',
    'diverged.body': '损失在第 {epoch} 个周期变成了 NaN 或无穷大，所以训练已暂停。试试更低的学习率（例如 {suggest}），然后按“重置”。',
    'state.warning': '链接中的设置被忽略或调整：{message}',
    'state.notOneOf': '{name}：“{value}”不是 {allowed} 之一',
    'state.notBool': '{name}：“{value}”不是 true 或 false',
    'state.notNumber': '{name}：“{value}”不是数字',
    'state.outOfRange': '{name}：{value} 超出 {range}；改用 {used}',
    'state.tooMany': '{name}：最多 {max} 个值；保留前 {max} 个',
    'state.tooFew': '{name}：至少需要 {min} 个有效值；使用默认值',
    'state.unknown': '“{name}”不是一个设置项',
    'state.dismiss': '关闭',
    'embed.attrWarning': '属性被忽略或调整：{message}',
    'embed.failed': '这个演练场已停止：{message}',

    'lang.label': '语言',
    'lang.en': 'English',
    'lang.zhCN': '简体中文',
    'output.accuracy': '准确率',
    'output.chartSummary': '第 {epoch} 个周期。训练损失 {train}，测试损失 {test}。',
    'output.plotSummary': '第 {epoch} 个周期。{metric}：训练 {train}，测试 {test}。',

    'teach.title': '学习',
    'teach.inspect': '神经元检查器',
    'teach.step': '单步模式',
    'teach.code': '代码',
    'teach.explain': '损失与激活',

    'inspect.help': '在输出图上悬停以选择一个点（或输入坐标并固定），在网络图中悬停一个神经元（或在此选择）：显示该神经元对这个点的实时计算。第 0 层是输入。',
    'inspect.x1': '点的 x₁',
    'inspect.x2': '点的 x₂',
    'inspect.pin': '固定这个点',
    'inspect.unpin': '取消固定',
    'inspect.layer': '层',
    'inspect.neuron': '神经元',
    'inspect.layerHidden': '{l}（隐藏层）',
    'inspect.layerOutput': '{l}（输出层）',
    'inspect.waiting': '正在等待网络的权重…',
    'inspect.g.linear': '线性',
    'inspect.g.sigmoid': 'σ',
    'inspect.g.tanh': 'tanh',
    'inspect.g.relu': 'ReLU',
    'inspect.g.softmax': 'softmax',
    'inspect.where': 'g 是这一层的激活函数：{g}。w·a 是点积：权重 × 输入之和。',
    'inspect.meanRegression': '（预测值）',
    'inspect.meanBinary': '（类别 1 的概率：{p}%）',
    'inspect.meanMulti': '（最可能：类别 {k}，{p}%）',

    'code.title': '这个网络的代码',
    'code.help': '本页上的网络对应的代码；NumPy 版本填入了当前训练好的权重：粘贴到 Python 中即可得到相同的预测。',
    'code.keras': 'Python / Keras',
    'code.js': 'JavaScript（nnplay）',
    'code.numpy': 'NumPy 前向传播',
    'code.copy': '复制',
    'code.copied': '已复制。',
    'code.selected': '已选中：按 Ctrl+C 复制。',
    'code.error': '# 这个网络无法写成代码：{message}',

    'explain.lossTitle': '损失：{loss}',
    'explain.mseMean': '（对所有点取平均）',
    'explain.lossBceNote': '损失随预测概率 ŷ 的变化：实线为类别 1 的点（−log ŷ），虚线为类别 0 的点（−log(1 − ŷ)）。自信而错误的预测代价最大。',
    'explain.lossCceNote': '损失随真实类别的预测概率 ŷ 的变化：−log ŷ。自信而错误的预测代价最大。',
    'explain.lossMseNote': '损失随误差 ŷ − y 的变化：一条抛物线；误差越大，代价按平方增长。',
    'explain.activationTitle': '激活函数',
    'explain.activation': '激活函数',
    'explain.g': 'g(z)',
    'explain.dg': 'g′(z)（虚线）',
    'explain.activationPlot': '{name}：{g}；{dg}。z 的范围为 −4 到 4。',

    'step.help': '在一个训练点上逐步走完一次训练：逐层前向传播、损失、反向传播（每层的误差信号 δ），以及一个批次的权重更新。',
    'step.start': '开始',
    'step.next': '下一步',
    'step.done': '完成',
    'step.restart': '重新开始',
    'step.otherPoint': '换一个点',
    'step.inputs': '输入',
    'step.point': '点：x₁ = {x1}，x₂ = {x2}，标签 y = {y}',
    'step.forward': '前向传播，第 {l} 层：',
    'step.activation': '（g = {g}）',
    'step.loss': '这个点的损失：',
    'step.backward': '反向传播，第 {l} 层：误差信号 δ 和梯度',
    'step.update': '一个批次的权重更新（{n} 个训练点，学习率 α = {lr}）：',
    'step.mean': '平均',
    'step.optimizerNote': '这里显示的是普通梯度下降；动量法、RMSprop 和 Adam 会用同样的梯度重新缩放每一步。',
  },
};

let language = 'en';

/** The interface languages: code -> the key of its name in its own script. */
export const LANGUAGES = { en: 'lang.en', 'zh-CN': 'lang.zhCN' };
const STORAGE_KEY = 'nnplay.lang';

/** Maps a BCP 47 tag to a supported language, or null: 'zh', 'zh-Hans', 'zh-SG' -> 'zh-CN'; 'en-GB' -> 'en'. */
export function matchLanguage(tag) {
  if (typeof tag !== 'string' || !tag) return null;
  const low = tag.trim().toLowerCase().replace(/_/g, '-');
  if (low === 'zh' || low.startsWith('zh-cn') || low.startsWith('zh-hans') || low === 'zh-sg' || low === 'zh-my') return 'zh-CN';
  if (low.startsWith('zh')) return 'zh-CN';  // the only Chinese table
  if (low === 'en' || low.startsWith('en-')) return 'en';
  return null;
}

/**
 * The language to use: an explicit choice (the `lang` attribute or URL key) wins,
 * then the one chosen earlier on this browser, then the browser's languages, then English.
 */
export function pickLanguage({ requested, stored, browser } = {}) {
  return matchLanguage(requested) || matchLanguage(stored) ||
    (browser || []).map(matchLanguage).find(Boolean) || 'en';
}

/** pickLanguage with this page's inputs: `?lang=` / `lang=` in the hash, localStorage, navigator.languages. */
export function pageLanguage(requested) {
  let fromUrl = null;
  try {
    fromUrl = new URLSearchParams(location.search).get('lang') || new URLSearchParams(location.hash.slice(1)).get('lang');
  } catch { /* no location */ }
  let stored = null;
  try { stored = localStorage.getItem(STORAGE_KEY); } catch { /* storage blocked */ }
  const browser = typeof navigator !== 'undefined' ? (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) : [];
  return pickLanguage({ requested: requested || fromUrl, stored, browser });
}

/** Remembers the user's choice for the next visit. */
export function storeLanguage(lang) {
  try { localStorage.setItem(STORAGE_KEY, lang); } catch { /* storage blocked */ }
}

// The first language: the page's choice (URL, earlier visit, browser), where there is a page.
if (typeof window !== 'undefined' && typeof document !== 'undefined') language = pageLanguage();

/** Sets the language used by t(); unknown languages fall back to English. Returns the one set. */
export function setLanguage(lang) {
  language = STRINGS[lang] ? lang : (matchLanguage(lang) || 'en');
  return language;
}

/** The string for `key` with {placeholders} filled from `params`. */
export function t(key, params = {}) {
  const table = STRINGS[language] || STRINGS.en;
  let text = table[key] ?? STRINGS.en[key];
  if (text === undefined) {
    // A missing key is a bug; show the key rather than nothing.
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

/** The language t() uses now. */
export function getLanguage() {
  return language;
}

/** Runs fn with `lang` as t()'s language, then restores the previous one
 * (each playground on a page may have its own `lang`). */
export function withLanguage(lang, fn) {
  const previous = language;
  if (lang) setLanguage(lang);
  try {
    return fn();
  } finally {
    language = previous;
  }
}
