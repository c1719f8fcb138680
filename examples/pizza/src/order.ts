// The order being built, as it travels in sessionAttributes between turns.
import type { PizzaModel } from "./model.generated.js";

type Slots = PizzaModel["intents"]["OrderPizzaIntent"];
export type PizzaType = Slots["pizzaType"];
export type PizzaSize = Slots["pizzaSize"];

export interface Order {
  type?: PizzaType;
  size?: PizzaSize;
  count?: number;
}

export const MAX_PIZZAS = 20;

/** sessionAttributes as this extension stores them. */
export interface PizzaSession {
  order: Order;
  /** Set once the whole order was read back and the user must say yes or no. */
  confirming?: boolean;
}

export function sessionOf(attributes: Record<string, unknown>): PizzaSession {
  const order = (attributes.order ?? {}) as Order;
  return { order: { ...order }, confirming: attributes.confirming === true };
}

/** The first thing still missing, in the order the shop asks for it. */
export function missingField(order: Order): "type" | "size" | "count" | undefined {
  if (!order.type) return "type";
  if (!order.size) return "size";
  if (!order.count) return "count";
  return undefined;
}

/** A spoken count as a whole number of pizzas, or undefined when it is not one. */
export function pizzaCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PIZZAS ? n : undefined;
}
