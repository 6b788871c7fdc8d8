/** CICPA blue (app.scss sets it for NutUI's themable parts); for props that take a colour, like Progress whose default is red. */
export const PRIMARY_COLOR = '#1d4f91'
