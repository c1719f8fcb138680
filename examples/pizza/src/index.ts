export { createPizzaExtension, PIZZA_EXTENSION_ID, type PizzaOptions } from "./extension.js";
export { messages } from "./messages.js";
export type { PizzaModel } from "./model.generated.js";
export { MAX_PIZZAS, type Order, type PizzaSession } from "./order.js";
